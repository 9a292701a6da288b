package io.github.camelgeminilive.telephony.twilio;

import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Arrays;
import java.util.concurrent.atomic.AtomicLong;

import io.github.camelgeminilive.audio.AudioConverter;
import io.github.camelgeminilive.audio.AudioFormat;
import io.github.camelgeminilive.telephony.playout.Playout;
import io.github.camelgeminilive.telephony.playout.PlayoutBuffer;
import io.github.camelgeminilive.telephony.playout.PlayoutCounters;

/**
 * Twilio's part of one call: its stream and connection, the caller's audio for the model, and the marks sent, so an
 * echoed mark tells how much audio was played. The model's audio is played by the call's {@link Playout} (pacing,
 * lead, barge-in, bounds), whose frames, marks and clears this turns into Twilio's {@code media}, {@code mark} and
 * {@code clear} messages.
 */
final class TwilioCall implements Playout.Sink {

    /** Sent marks remembered for the played-audio header; older ones are forgotten. */
    private static final int MAX_SENT_MARKS = 64;

    /** Where the call's messages go. */
    interface Output {
        void send(TwilioCall call, TwilioCommand command);
    }

    private final String streamSid;
    private final String connectionKey;
    private final Output output;
    private final Playout playout;
    private final AudioConverter toModel = new AudioConverter(AudioFormat.MULAW_8K, AudioFormat.PCM_16K);
    /** Guarded by itself: filled under the playout's monitor, read by the caller's mark echoes. */
    private final ArrayDeque<PlayoutBuffer.PendingMark> sentMarks = new ArrayDeque<>();
    private final AtomicLong turns = new AtomicLong();
    /** The caller's mu-law bytes (8 kHz, a byte a sample) the model gets in one message, at least. */
    private final int chunkSamples;
    /** The caller's audio converted and not sent yet (less than a chunk between frames), and its samples. */
    private byte[] pending;
    private int pendingBytes;
    private int pendingSamples;

    /** @param callerChunk the caller's audio the model gets at once, at least (20 ms: each frame) */
    TwilioCall(String streamSid, String connectionKey, int bufferFrames, long leadNanos, Duration callerChunk,
            Output output, PlayoutCounters counters) {
        this.streamSid = streamSid;
        this.connectionKey = connectionKey;
        this.chunkSamples = AudioFormat.MULAW_8K.bytesFor((int) callerChunk.toMillis());
        this.output = output;
        this.playout = new Playout(AudioFormat.MULAW_8K, bufferFrames, leadNanos, false, this, counters);
    }

    String streamSid() {
        return streamSid;
    }

    String connectionKey() {
        return connectionKey;
    }

    /** The model's audio to this caller. */
    Playout playout() {
        return playout;
    }

    /**
     * The caller's mu-law 8 kHz as 16 kHz PCM for the model, a chunk at a time: null while the chunk fills (the frame
     * is kept), else the chunk, with every frame kept before.
     */
    synchronized byte[] callerAudio(byte[] mulaw) {
        int max = toModel.maxOutputBytes(mulaw.length);
        // a chunk of one frame or less (the default: each frame as it comes, whatever its size): straight through
        if (pendingSamples == 0 && (mulaw.length >= chunkSamples || chunkSamples <= PlayoutBuffer.FRAME_BYTES)) {
            byte[] pcm = new byte[max];
            int length = toModel.convert(mulaw, 0, mulaw.length, pcm, 0);
            return length == pcm.length ? pcm : Arrays.copyOf(pcm, length);
        }
        // bounded: less than a chunk kept, and one frame (at most TwilioCodec.MAX_PAYLOAD_BYTES)
        if (pending == null || pending.length < pendingBytes + max) {
            pending = Arrays.copyOf(pending == null ? new byte[0] : pending, pendingBytes + max);
        }
        pendingBytes += toModel.convert(mulaw, 0, mulaw.length, pending, pendingBytes);
        pendingSamples += mulaw.length;
        if (pendingSamples < chunkSamples) {
            return null;
        }
        byte[] chunk = Arrays.copyOf(pending, pendingBytes);
        pendingBytes = 0;
        pendingSamples = 0;
        return chunk;
    }

    /** The call ended: the caller's audio still kept for a chunk, in ms, which the model will not hear. */
    synchronized long dropCallerAudio() {
        long ms = pendingSamples / AudioFormat.MULAW_8K.bytesFor(1);
        pendingBytes = 0;
        pendingSamples = 0;
        return ms;
    }

    /** The model's turn is complete: a mark after its audio tells when the caller heard all of it. */
    void turnComplete(long now) {
        playout.mark(streamSid + "-turn-" + turns.incrementAndGet(), now);
    }

    /** Twilio echoed a mark; returns the audio (ms) played up to it, or -1 for a mark this call did not send. */
    long markPlayed(String name) {
        synchronized (sentMarks) {
            while (!sentMarks.isEmpty()) {
                PlayoutBuffer.PendingMark mark = sentMarks.poll();
                if (mark.name().equals(name)) {
                    return mark.position() / 8;
                }
            }
        }
        return -1;
    }

    @Override
    public void frame(byte[] frame) {
        output.send(this, new TwilioCommand.Media(streamSid, frame));
    }

    @Override
    public void mark(String name) {
        output.send(this, new TwilioCommand.Mark(streamSid, name));
        synchronized (sentMarks) {
            if (sentMarks.size() == MAX_SENT_MARKS) {
                sentMarks.poll();
            }
            sentMarks.add(new PlayoutBuffer.PendingMark(playout.sentBytes(), name));
        }
    }

    @Override
    public void clear() {
        output.send(this, new TwilioCommand.Clear(streamSid));
    }
}
