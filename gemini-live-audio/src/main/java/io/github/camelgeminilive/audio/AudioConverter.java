package io.github.camelgeminilive.audio;

import java.util.Arrays;
import java.util.Objects;

/**
 * Converts one mono audio stream from one {@link AudioFormat} to another: decodes G.711, resamples
 * ({@link Resampler}) and encodes, e.g. a phone caller's {@code audio/x-mulaw;rate=8000} to the Live API's
 * {@code audio/pcm;rate=16000}, and the model's {@code audio/pcm;rate=24000} back to mu-law at 8 kHz.
 *
 * <pre>{@code
 * AudioConverter toModel = new AudioConverter(AudioFormat.MULAW_8K, AudioFormat.PCM_16K); // one per call
 * byte[] pcm = new byte[toModel.maxOutputBytes(160)];
 * int n = toModel.convert(frame, 0, frame.length, pcm, 0); // 160 bytes in (20 ms), 640 out
 * }</pre>
 *
 * <p>
 * Stateful: one converter per stream (per call and direction), fed its frames in order; the filter's state and a
 * PCM byte left over from an odd-sized frame carry into the next frame, so frame edges make no clicks. After
 * construction {@link #convert(byte[], int, int, byte[], int)} allocates nothing. Not thread-safe.
 */
public final class AudioConverter {

    /** Samples decoded at a time (20 ms at 48 kHz), so a frame of any size goes through fixed buffers. */
    private static final int CHUNK = 960;

    private final AudioFormat from;
    private final AudioFormat to;
    /** Null when the rates are equal. */
    private final Resampler resampler;
    private final short[] decoded = new short[CHUNK];
    private final short[] resampled;
    /** The first byte of a PCM sample whose second byte comes with the next frame, or -1. */
    private int pendingByte = -1;

    /** A converter for one stream from {@code from} to {@code to}. */
    public AudioConverter(AudioFormat from, AudioFormat to) {
        this.from = Objects.requireNonNull(from, "from");
        this.to = Objects.requireNonNull(to, "to");
        this.resampler = from.sampleRate() == to.sampleRate() ? null
                : new Resampler(from.sampleRate(), to.sampleRate());
        this.resampled = resampler == null ? decoded : new short[resampler.maxOutput(CHUNK)];
    }

    /** The input format. */
    public AudioFormat from() {
        return from;
    }

    /** The output format. */
    public AudioFormat to() {
        return to;
    }

    /** The most bytes {@link #convert(byte[], int, int, byte[], int)} writes for {@code inputBytes} bytes. */
    public int maxOutputBytes(int inputBytes) {
        // a PCM input may hold a byte back from the last frame: one more sample at most
        int bytesPerSample = from.encoding().bytesPerSample();
        int samples = (int) ((inputBytes + bytesPerSample - 1L) / bytesPerSample);
        int out = resampler == null ? samples : resampler.maxOutput(samples);
        return out * to.encoding().bytesPerSample();
    }

    /**
     * Converts {@code length} bytes of {@code in} from {@code offset} (the next part of the stream), writing to
     * {@code out} from {@code outOffset}, which must have room for {@link #maxOutputBytes(int)
     * maxOutputBytes(length)} bytes.
     *
     * @return the number of bytes written
     * @throws IllegalArgumentException if {@code out} is too small (nothing is converted then)
     */
    public int convert(byte[] in, int offset, int length, byte[] out, int outOffset) {
        Objects.checkFromIndexSize(offset, length, in.length);
        int room = maxOutputBytes(length);
        if (outOffset < 0 || out.length - outOffset < room) {
            throw new IllegalArgumentException("Output buffer too small: " + (out.length - outOffset)
                    + " bytes from offset " + outOffset + ", " + room + " needed for " + length + " bytes in");
        }
        int written = outOffset;
        int i = offset;
        int end = offset + length;
        G711 inLaw = from.encoding().law();
        while (i < end) {
            int n;
            if (inLaw != null) {
                n = Math.min(CHUNK, end - i);
                inLaw.decode(in, i, n, decoded, 0);
                i += n;
            } else {
                n = 0;
                if (pendingByte >= 0) {
                    decoded[n++] = (short) (pendingByte | in[i++] << 8);
                    pendingByte = -1;
                }
                for (; n < CHUNK && end - i >= 2; i += 2) {
                    decoded[n++] = (short) ((in[i] & 0xFF) | in[i + 1] << 8);
                }
                if (n < CHUNK && end - i == 1) {
                    pendingByte = in[i++] & 0xFF;
                }
            }
            int m = resampler == null ? n : resampler.process(decoded, 0, n, resampled, 0);
            written += encode(resampled, m, out, written);
        }
        return written - outOffset;
    }

    /** Converts {@code in}, the next part of the stream, into a new array (allocates; for whole files and tests). */
    public byte[] convert(byte[] in) {
        byte[] out = new byte[maxOutputBytes(in.length)];
        return Arrays.copyOf(out, convert(in, 0, in.length, out, 0));
    }

    /** Forgets the stream: the next frame starts a new one. */
    public void reset() {
        if (resampler != null) {
            resampler.reset();
        }
        pendingByte = -1;
    }

    private int encode(short[] samples, int n, byte[] out, int offset) {
        G711 outLaw = to.encoding().law();
        if (outLaw != null) {
            outLaw.encode(samples, 0, n, out, offset);
            return n;
        }
        for (int k = 0; k < n; k++) {
            out[offset + 2 * k] = (byte) samples[k];
            out[offset + 2 * k + 1] = (byte) (samples[k] >> 8);
        }
        return 2 * n;
    }

    @Override
    public String toString() {
        return "AudioConverter[" + from + " -> " + to + "]";
    }
}
