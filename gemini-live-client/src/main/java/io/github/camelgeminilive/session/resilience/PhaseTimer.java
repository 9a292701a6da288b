package io.github.camelgeminilive.session.resilience;

import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

/**
 * The one pending timer of a resilient session's phases: the connection's age limit, the drain deadline or the
 * next retry, one at a time (scheduling one cancels the other). Runs on the client's shared scheduler; the tasks
 * take the session's lock themselves. Not thread-safe: guarded by the resilient session's lock.
 */
final class PhaseTimer {

    private final ScheduledExecutorService scheduler;
    private ScheduledFuture<?> pending;
    /** When the pending timer fires (System.nanoTime). */
    private long dueNanos;

    PhaseTimer(ScheduledExecutorService scheduler) {
        this.scheduler = scheduler;
    }

    /** Runs {@code task} at {@code atNanos} (System.nanoTime), instead of any pending timer. */
    void at(long atNanos, Runnable task) {
        cancel();
        dueNanos = atNanos;
        pending = scheduler.schedule(task, atNanos - System.nanoTime(), TimeUnit.NANOSECONDS);
    }

    /** When the pending timer fires (System.nanoTime); meaningless when none is pending. */
    long dueNanos() {
        return dueNanos;
    }

    void cancel() {
        if (pending != null) {
            pending.cancel(false);
            pending = null;
        }
    }
}
