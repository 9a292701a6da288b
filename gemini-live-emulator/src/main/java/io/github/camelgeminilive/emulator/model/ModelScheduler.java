package io.github.camelgeminilive.emulator.model;

import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

/** Runs one connection's timed model work (reply pacing, scripted delays), never with a thread per connection. */
@FunctionalInterface
public interface ModelScheduler {

    /**
     * Runs {@code task} once, {@code delayNanos} from now (as soon as possible when zero or negative).
     *
     * @return what cancels it, if it has not started yet
     * @throws java.util.concurrent.RejectedExecutionException when the scheduler is shut down
     */
    Cancellable schedule(Runnable task, long delayNanos);

    /** A scheduled task that can still be called off. */
    @FunctionalInterface
    interface Cancellable {
        void cancel();
    }

    /** Schedules on a shared pool. */
    static ModelScheduler of(ScheduledExecutorService pool) {
        return (task, delayNanos) -> {
            ScheduledFuture<?> future = pool.schedule(task, Math.max(0, delayNanos), TimeUnit.NANOSECONDS);
            return () -> future.cancel(false);
        };
    }
}
