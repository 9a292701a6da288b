package io.github.camelgeminilive.session.resilience;

import java.time.Duration;

/**
 * How many frames of one connection had reached the socket by a given time: samples of (time, frames written), at
 * most one per {@code lag / 32}, the newest 128 (at least four times {@code lag} of history), so that a handle read at
 * {@code t} is taken to cover what was written by {@code t - lag} (see {@link ReplayCoverage}) without a time kept per
 * message. What was written after the sample before a time is left out (up to {@code lag / 32} of writes, or the
 * writes before a pause until the next write is sampled): replayed on a resume, never lost. A time older than every
 * sample (a handle taken up more than three {@code lag}s after it was read) covers nothing: the next handle, or the
 * read proof, trims what this one did not. Writes complete one at a time (the connection's order), on whichever
 * thread; the session reads under its lock.
 */
final class WriteTimeline {

    private static final int SAMPLES = 128;
    private static final long MIN_SPACING_NANOS = Duration.ofMillis(1).toNanos();
    private static final long[] NONE = {};

    private final long spacingNanos;
    // made on the first write: a session that sends nothing keeps none
    private long[] times = NONE;
    private long[] counts = NONE;
    private int newest = -1;
    private int size;
    private volatile long nextSampleNanos = Long.MIN_VALUE;

    /** A timeline for handles taken to cover what was written {@code lag} before they were read. */
    WriteTimeline(Duration lag) {
        this.spacingNanos = Math.max(MIN_SPACING_NANOS, lag.toNanos() / 32);
    }

    /** {@code written} frames had reached the socket at {@code nowNanos}; called as each write completes. */
    void written(long written, long nowNanos) {
        long due = nextSampleNanos;
        if (due != Long.MIN_VALUE && nowNanos - due < 0) {
            return;
        }
        synchronized (this) {
            if (times == NONE) {
                times = new long[SAMPLES];
                counts = new long[SAMPLES];
            }
            newest = (newest + 1) % SAMPLES;
            times[newest] = nowNanos;
            counts[newest] = written;
            size = Math.min(SAMPLES, size + 1);
        }
        nextSampleNanos = nowNanos + spacingNanos;
    }

    /** Frames that had certainly reached the socket by {@code nanos} (System.nanoTime); 0 if none is known to. */
    synchronized long writtenBy(long nanos) {
        for (int k = 0, i = newest; k < size; k++, i = (i - 1 + SAMPLES) % SAMPLES) {
            if (times[i] - nanos <= 0) {
                return counts[i];
            }
        }
        return 0;
    }
}
