package io.github.camelgeminilive.emulator.model;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * Runs one connection's timed work on the shared scheduler: each task runs under the connection's lock (so it sees
 * and changes connection state like a client message would), not at all once the connection is stopped, and a
 * failure goes to one error handler instead of vanishing inside the pool.
 */
final class ConnectionTimers {

    private final ScheduledExecutorService scheduler;
    private final Object lock;
    private final Consumer<RuntimeException> onError;
    private final List<ScheduledFuture<?>> pending = new ArrayList<>();
    private boolean stopped;

    ConnectionTimers(ScheduledExecutorService scheduler, Object lock, Consumer<RuntimeException> onError) {
        this.scheduler = scheduler;
        this.lock = lock;
        this.onError = onError;
    }

    /** Schedules {@code task}; callers hold the lock. Returns a handle to cancel it. */
    ScheduledFuture<?> schedule(Runnable task, long delayNanos) {
        pending.removeIf(ScheduledFuture::isDone);
        ScheduledFuture<?> future = scheduler.schedule(() -> run(task), Math.max(0, delayNanos), TimeUnit.NANOSECONDS);
        pending.add(future);
        return future;
    }

    /** Cancels everything scheduled and refuses to run anything later; callers hold the lock. */
    void stop() {
        stopped = true;
        pending.forEach(f -> f.cancel(false));
        pending.clear();
    }

    boolean isStopped() {
        return stopped;
    }

    private void run(Runnable task) {
        synchronized (lock) {
            if (stopped) {
                return;
            }
            try {
                task.run();
            } catch (RuntimeException e) {
                onError.accept(e);
            }
        }
    }
}
