package io.github.camelgeminilive.telephony.playout;

import java.time.Duration;
import java.util.Arrays;

import io.github.camelgeminilive.audio.AudioConverter;
import io.github.camelgeminilive.audio.AudioFormat;

/**
 * The model's audio on its way to one caller: 24 kHz PCM converted to the call's G.711, held in a
 * {@link PlayoutBuffer} and sent in 20 ms frames in real time, at most {@code leadNanos} ahead of the caller's ear,
 * on whichever thread finds them due (the shared {@link Pacer}'s tick, or the model's event that brought audio to an
 * idle call). On barge-in the unplayed audio is dropped at once. With comfort silence, a silence frame goes out
 * every 20 ms while there is nothing to play, so the media never stops (a SIP gateway may hang up after its media
 * timeout). The monitor guards everything; the sink is called under it, so one call's frames leave in order.
 */
public final class Playout {

    /**
     * The bounds of a call's unplayed audio and of its lead, the same for every bridge (Twilio, SIP): at least one
     * frame, at most 10 minutes held (memory); at most 1 s sent ahead, which a barge-in must take back.
     */
    public static final Duration MIN_BUFFERED = Duration.ofMillis(20);
    public static final Duration MAX_BUFFERED = Duration.ofMinutes(10);
    public static final Duration MAX_LEAD = Duration.ofSeconds(1);

    static final long FRAME_NANOS = 20_000_000L;
    /** With comfort silence, how late a tick may be and its frames still follow on (else they start from now). */
    private static final long MAX_CATCH_UP_NANOS = 5 * FRAME_NANOS;

    /** Where the call's frames, marks and clears go. */
    public interface Sink {
        /** A 20 ms G.711 frame; the array is reused: copy what is kept. */
        void frame(byte[] frame);

        /** All audio before the mark {@code name} has been sent. */
        void mark(String name);

        /** Barge-in: audio already sent should be dropped by the far side, where it can be. */
        void clear();
    }

    private final AudioConverter toCaller;
    private final PlayoutBuffer buffer;
    private final long leadNanos;
    private final Sink sink;
    private final PlayoutCounters counters;
    private final byte[] frame = new byte[PlayoutBuffer.FRAME_BYTES];
    /** The codec's silence, or null without comfort silence. */
    private final byte[] silence;
    /** The model's audio as G.711, before it goes into the buffer; grows to the largest chunk seen. */
    private byte[] scratch = new byte[0];
    /** When the next frame is due to play; meaningful while {@code playing}. */
    private long nextDue;
    /** Whether the far side still has audio of ours to play (else the next frame plays from now). */
    private boolean playing;
    private long sentBytes;
    private boolean ended;

    /**
     * @param callerFormat {@link AudioFormat#MULAW_8K} or {@link AudioFormat#ALAW_8K}
     * @param bufferFrames the most 20 ms frames held unplayed; beyond it the oldest are dropped and counted
     * @param leadNanos    how far ahead of real time frames are sent
     * @param comfortSilence send a silence frame every 20 ms while there is nothing to play
     */
    public Playout(AudioFormat callerFormat, int bufferFrames, long leadNanos, boolean comfortSilence, Sink sink,
            PlayoutCounters counters) {
        if (callerFormat.sampleRate() != 8000 || callerFormat.encoding() == AudioFormat.Encoding.PCM) {
            throw new IllegalArgumentException("a phone call plays G.711 at 8 kHz, not " + callerFormat);
        }
        byte quiet = callerFormat.encoding() == AudioFormat.Encoding.MULAW ? (byte) 0xFF : (byte) 0xD5;
        this.toCaller = new AudioConverter(AudioFormat.PCM_24K, callerFormat);
        this.buffer = new PlayoutBuffer(bufferFrames, quiet);
        if (comfortSilence) {
            this.silence = new byte[PlayoutBuffer.FRAME_BYTES];
            Arrays.fill(silence, quiet);
        } else {
            this.silence = null;
        }
        this.leadNanos = leadNanos;
        this.sink = sink;
        this.counters = counters;
    }

    /** Queues the model's 24 kHz PCM and sends what is due. */
    public synchronized void modelAudio(byte[] pcm24k, long now) {
        if (ended) {
            counters.endedAudioBytes.add(pcm24k.length / 6);
            return;
        }
        int room = toCaller.maxOutputBytes(pcm24k.length);
        if (scratch.length < room) {
            scratch = new byte[room];
        }
        int length = toCaller.convert(pcm24k, 0, pcm24k.length, scratch, 0);
        counters.overflowAudioBytes.add(buffer.write(scratch, 0, length));
        pump(now);
    }

    /** Places a mark after the audio queued so far (the end of a turn); it goes out when that audio has. */
    public synchronized void mark(String name, long now) {
        if (!ended) {
            buffer.mark(name);
            pump(now);
        }
    }

    /** Barge-in: the unplayed audio is dropped (counted) and the sink told to clear at once. */
    public synchronized void interrupted() {
        if (ended) {
            return;
        }
        counters.interruptedAudioBytes.add(buffer.clear());
        toCaller.reset();
        playing = false;
        sink.clear();
        counters.clears.increment();
    }

    /** The call is over: buffered audio is dropped (counted) and nothing more is sent. */
    public synchronized void end() {
        if (!ended) {
            ended = true;
            counters.endedAudioBytes.add(buffer.clear());
        }
    }

    /** Audio bytes sent so far (8 per ms). */
    public synchronized long sentBytes() {
        return sentBytes;
    }

    /** Sends the frames (and marks between them) due by {@code now}. */
    public synchronized void pump(long now) {
        if (ended) {
            return;
        }
        if (playing && nextDue - now < (silence == null ? 0 : -MAX_CATCH_UP_NANOS)) {
            playing = false; // the far side ran dry: what comes next plays from now on
        }
        while (buffer.hasFrame() && (!playing || nextDue - now <= leadNanos)) {
            if (!playing) {
                playing = true;
                nextDue = now;
            }
            buffer.readFrame(frame);
            sentBytes += frame.length;
            sink.frame(frame);
            counters.framesOut.increment();
            nextDue += FRAME_NANOS;
            sendDueMarks();
        }
        sendDueMarks();
        if (silence != null && !buffer.hasFrame()) {
            comfortSilence(now);
        }
    }

    /** Nothing to play: silence frames as they fall due, without a lead (the model's next audio must not wait). */
    private void comfortSilence(long now) {
        if (!playing) {
            playing = true;
            nextDue = now;
        }
        while (nextDue - now <= 0) {
            sink.frame(silence);
            counters.silenceFramesOut.increment();
            nextDue += FRAME_NANOS;
        }
    }

    private void sendDueMarks() {
        for (PlayoutBuffer.PendingMark mark = buffer.dueMark(); mark != null; mark = buffer.dueMark()) {
            sink.mark(mark.name());
            counters.marksSent.increment();
        }
    }
}
