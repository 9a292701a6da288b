package io.github.camelgeminilive.session.resilience;

import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

/**
 * Paces a resilient session's audio while it is behind real time: after a move (held sends and the replay), or
 * behind a caller that bursts, at most {@code pace} seconds of audio are written per second of wall time. Without
 * a consumed index a handle covers what was written {@code coverageLag} before it was read, so a burst just
 * before a move would be heard twice; paced, a move doubles at most {@code pace x coverageLag} plus one frame.
 *
 * <p>A virtual clock runs ahead of the wall clock by the audio written faster than the pace allows; a frame may go
 * when it is not ahead. A late timer moves the clock as late (no burst of the pacer itself). Nothing waits: the
 * {@code wake} task runs on the client's scheduler when the next frame may go. Not thread-safe: guarded by the
 * resilient session's lock.
 */
final class CatchUp {

    private final double pace;
    private final ScheduledExecutorService scheduler;
    private final Runnable wake;
    /** When the next audio frame may be written (System.nanoTime). */
    private long nextNanos = System.nanoTime();
    private ScheduledFuture<?> pending;

    /** @param pace seconds of audio per second at most; 0: wire speed (no pacing) */
    CatchUp(double pace, ScheduledExecutorService scheduler, Runnable wake) {
        this.pace = pace;
        this.scheduler = scheduler;
        this.wake = wake;
    }

    /** Whether {@code m} may be written at {@code now}: any message but audio, and audio when not ahead. */
    boolean allows(OutboundMessage m, long now) {
        return pace == 0 || m.frame.audioNanos() == 0 || nextNanos - now <= 0;
    }

    /** {@code m} is written at {@code now}. */
    void wrote(OutboundMessage m, long now) {
        if (pace != 0 && m.frame.audioNanos() > 0) {
            nextNanos = Math.max(nextNanos - now, 0) + now + (long) (m.frame.audioNanos() / pace);
        }
    }

    /** Runs the wake task once the next audio frame may go (one pending at a time). */
    void wakeLater(long now) {
        if (pending == null) {
            pending = scheduler.schedule(wake, nextNanos - now, TimeUnit.NANOSECONDS);
        }
    }

    /** The wake task runs: the next {@link #wakeLater} schedules anew. */
    void woke() {
        pending = null;
    }

    void cancel() {
        if (pending != null) {
            pending.cancel(false);
            pending = null;
        }
    }
}
