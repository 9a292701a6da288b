package io.github.camelgeminilive.examples.kafka;

/**
 * Paces one call's chunks to at most {@code pace} times real time: a call that is behind (a backlog after a takeover,
 * or an instance that was held up) sends at most {@code pace} seconds of audio per second, while a call that keeps up
 * with its caller sends each chunk at once. Against the Gemini API a handle counts as covering what was written
 * {@code coverageLag} before it arrived, so what a takeover may hear twice is bounded by the audio written in that
 * time: at most {@code pace} times the lag. Not thread-safe but for {@link #ahead}: one call's chunks are started one
 * at a time.
 */
final class CatchUpPace {

    private final double pace;
    /** When the next chunk may start ({@link System#nanoTime()}), if {@link #started}; read by {@link #ahead}. */
    private volatile long next;
    private volatile boolean started;

    /** @param pace seconds of audio per second at most, above 1 */
    CatchUpPace(double pace) {
        if (!(pace > 1) || Double.isInfinite(pace)) {
            throw new IllegalArgumentException("pace must be above 1, got " + pace);
        }
        this.pace = pace;
    }

    /**
     * The chunk meant to start at {@code plannedAt} started at {@code actual}: when that is late (a busy timer), the
     * next chunk waits as much longer, so that late chunks do not bunch up above the pace.
     */
    void started(long plannedAt, long actual) {
        if (actual - plannedAt > 0) {
            next += actual - plannedAt;
        }
    }

    /** How long after {@code now} the next chunk may start (0 or less: at once); from any thread. */
    long ahead(long now) {
        return started ? next - now : 0;
    }

    /** When a chunk of {@code audioNanos} of audio, ready at {@code now}, may start; the chunk is then sent. */
    long startAt(long now, long audioNanos) {
        long at = started && next - now > 0 ? next : now;
        started = true;
        next = at + (long) (audioNanos / pace);
        return at;
    }
}
