package io.github.camelgeminilive.telephony.twilio;

import java.util.ArrayDeque;
import java.util.Arrays;

import io.github.camelgeminilive.audio.AudioConverter;
import io.github.camelgeminilive.audio.AudioFormat;
import io.github.camelgeminilive.telephony.playout.PlayoutBuffer;

/**
 * One call's state: its audio converters, the model's audio waiting to be played and the marks on the way. Audio
 * is sent in real time: frames leave when they are due, at most {@code leadNanos} ahead of the caller's ear (Twilio
 * buffers that much), on whichever thread finds them due (the shared pacer's tick, or the model's event that
 * brought audio to an idle call). The call's monitor guards everything; sends happen under it, so one call's
 * messages reach the output in order.
 */
final class TwilioCall {

    private static final long FRAME_NANOS = 20_000_000L;
    /** Sent marks remembered for the played-audio header; older ones are forgotten. */
    private static final int MAX_SENT_MARKS = 64;

    /** Where the call's messages go. */
    interface Output {
        void send(TwilioCall call, TwilioCommand command);
    }

    private final String streamSid;
    private final String connectionKey;
    private final long leadNanos;
    private final Output output;
    private final TwilioCounters counters;
    private final AudioConverter toModel = new AudioConverter(AudioFormat.MULAW_8K, AudioFormat.PCM_16K);
    private final AudioConverter toCaller = new AudioConverter(AudioFormat.PCM_24K, AudioFormat.MULAW_8K);
    /** The model's audio as mu-law, before it goes into the playout buffer; grows to the largest chunk seen. */
    private byte[] callerScratch = new byte[0];
    private final PlayoutBuffer playout;
    private final byte[] frame = new byte[PlayoutBuffer.FRAME_BYTES];
    private final ArrayDeque<PlayoutBuffer.PendingMark> sentMarks = new ArrayDeque<>();
    /** When the next frame is due to play; meaningful while {@code playing}. */
    private long nextDue;
    /** Whether Twilio still has audio of ours to play (else the next frame plays from now). */
    private boolean playing;
    private long sentBytes;
    private long marks;
    private boolean ended;

    TwilioCall(String streamSid, String connectionKey, int bufferFrames, long leadNanos, Output output,
            TwilioCounters counters) {
        this.streamSid = streamSid;
        this.connectionKey = connectionKey;
        this.leadNanos = leadNanos;
        this.output = output;
        this.counters = counters;
        this.playout = new PlayoutBuffer(bufferFrames, (byte) 0xFF);
    }

    String streamSid() {
        return streamSid;
    }

    String connectionKey() {
        return connectionKey;
    }

    /** The caller's mu-law 8 kHz as 16 kHz PCM for the model. */
    synchronized byte[] callerAudio(byte[] mulaw) {
        byte[] pcm = new byte[toModel.maxOutputBytes(mulaw.length)];
        int length = toModel.convert(mulaw, 0, mulaw.length, pcm, 0);
        return length == pcm.length ? pcm : Arrays.copyOf(pcm, length);
    }

    /** Queues the model's 24 kHz PCM for the caller and sends what is due. */
    synchronized void modelAudio(byte[] pcm24k, long now) {
        if (ended) {
            counters.endedAudioBytes.add(pcm24k.length / 6);
            return;
        }
        int room = toCaller.maxOutputBytes(pcm24k.length);
        if (callerScratch.length < room) {
            callerScratch = new byte[room];
        }
        int length = toCaller.convert(pcm24k, 0, pcm24k.length, callerScratch, 0);
        counters.overflowAudioBytes.add(playout.write(callerScratch, 0, length));
        pump(now);
    }

    /** The model's turn is complete: a mark after its audio tells when the caller heard all of it. */
    synchronized void turnComplete(long now) {
        if (!ended) {
            playout.mark(streamSid + "-turn-" + ++marks);
            pump(now);
        }
    }

    /** Barge-in: Twilio drops what it holds ({@code clear}, sent at once) and the unplayed audio here goes too. */
    synchronized void interrupted() {
        if (ended) {
            return;
        }
        counters.interruptedAudioBytes.add(playout.clear());
        toCaller.reset();
        playing = false;
        output.send(this, new TwilioCommand.Clear(streamSid));
        counters.clears.increment();
    }

    /** Twilio echoed a mark; returns the audio (ms) played up to it, or -1 for a mark this call did not send. */
    synchronized long markPlayed(String name) {
        counters.marksPlayed.increment();
        while (!sentMarks.isEmpty()) {
            PlayoutBuffer.PendingMark mark = sentMarks.poll();
            if (mark.name().equals(name)) {
                return mark.position() / 8;
            }
        }
        return -1;
    }

    /** The call is over: buffered audio is dropped (counted) and nothing more is sent. */
    synchronized void end() {
        if (!ended) {
            ended = true;
            counters.endedAudioBytes.add(playout.clear());
        }
    }

    /** Sends the frames (and marks between them) due by {@code now}. */
    synchronized void pump(long now) {
        if (ended) {
            return;
        }
        if (playing && nextDue - now < 0) {
            playing = false; // Twilio's buffer ran dry: what comes next plays from now on
        }
        while (playout.hasFrame() && (!playing || nextDue - now <= leadNanos)) {
            if (!playing) {
                playing = true;
                nextDue = now;
            }
            playout.readFrame(frame);
            sentBytes += frame.length;
            output.send(this, new TwilioCommand.Media(streamSid, frame));
            counters.framesOut.increment();
            nextDue += FRAME_NANOS;
            sendDueMarks();
        }
        sendDueMarks();
    }

    private void sendDueMarks() {
        for (PlayoutBuffer.PendingMark mark = playout.dueMark(); mark != null; mark = playout.dueMark()) {
            output.send(this, new TwilioCommand.Mark(streamSid, mark.name()));
            counters.marksSent.increment();
            if (sentMarks.size() == MAX_SENT_MARKS) {
                sentMarks.poll();
            }
            sentMarks.add(new PlayoutBuffer.PendingMark(sentBytes, mark.name()));
        }
    }
}
