package io.github.camelgeminilive.emulator.model;

import java.util.HashSet;
import java.util.Set;
import java.util.function.Consumer;

/**
 * Runs one connection's timed work on its {@link ModelScheduler}: each task runs under the connection's lock (so it
 * sees and changes connection state like a client message would), not at all once cancelled or once the connection
 * is stopped, and a failure goes to one error handler instead of vanishing inside the pool.
 */
final class ConnectionTimers {

    private final ModelScheduler scheduler;
    private final Object lock;
    private final Consumer<RuntimeException> onError;
    private final Set<Timer> pending = new HashSet<>();
    private boolean stopped;

    ConnectionTimers(ModelScheduler scheduler, Object lock, Consumer<RuntimeException> onError) {
        this.scheduler = scheduler;
        this.lock = lock;
        this.onError = onError;
    }

    /** Schedules {@code task}; callers hold the lock. Returns a handle to cancel it. */
    Timer schedule(Runnable task, long delayNanos) {
        Timer timer = new Timer(task);
        // the timer cannot fire before it is pending: firing takes the lock the caller holds
        timer.scheduled = scheduler.schedule(timer::fire, delayNanos);
        pending.add(timer);
        return timer;
    }

    /** Cancels everything scheduled and refuses to run anything later; callers hold the lock. */
    void stop() {
        stopped = true;
        pending.forEach(t -> t.scheduled.cancel());
        pending.clear();
    }

    boolean isStopped() {
        return stopped;
    }

    /** One scheduled task. */
    final class Timer {

        private final Runnable task;
        private ModelScheduler.Cancellable scheduled;

        private Timer(Runnable task) {
            this.task = task;
        }

        /** The task will not run (if it has not run yet); callers hold the lock. */
        void cancel() {
            if (pending.remove(this)) {
                scheduled.cancel();
            }
        }

        private void fire() {
            synchronized (lock) {
                // a timer the scheduler could no longer call off is no longer pending: it must not run
                if (!pending.remove(this) || stopped) {
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
}
