package io.github.camelgeminilive.benchmarks.load;

/**
 * A send time carried inside a 16-bit PCM frame, in the lowest bit of its first 64 samples: a change of at most 1 in
 * 32768 per sample (inaudible, and far under the emulator's VAD threshold), so the emulator can tell how long each
 * frame took to reach it and whether a session's frames arrived in order. The client and the emulator JVM both read
 * {@link System#nanoTime()}, which on Linux is {@code CLOCK_MONOTONIC}: one clock for every process of the machine.
 */
final class FrameStamp {

    private static final int BITS = Long.SIZE;

    private FrameStamp() {
    }

    /** A copy of {@code pcm} (little-endian, at least 64 samples) carrying {@code nanos}. */
    static byte[] stamp(byte[] pcm, long nanos) {
        byte[] out = pcm.clone();
        for (int i = 0; i < BITS; i++) {
            out[2 * i] = (byte) ((out[2 * i] & ~1) | (int) ((nanos >>> i) & 1));
        }
        return out;
    }

    /** The time {@link #stamp} put in {@code pcm}. */
    static long read(byte[] pcm) {
        long nanos = 0;
        for (int i = 0; i < BITS; i++) {
            nanos |= (long) (pcm[2 * i] & 1) << i;
        }
        return nanos;
    }
}
