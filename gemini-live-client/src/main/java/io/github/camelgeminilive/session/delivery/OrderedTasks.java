package io.github.camelgeminilive.session.delivery;

import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.atomic.AtomicBoolean;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs tasks one at a time, in submission order, on a shared executor: a session's events stay ordered without a
 * thread of their own. A task that throws, even an {@link Error}, does not stop the ones after it, and never
 * reaches the thread that ran it (an I/O thread, for {@link #executeHere}); tasks the executor rejects run on the
 * submitting thread. The queue itself has no bound: a session's {@code FrameReceiver} bounds the received frames it
 * queues here (in count and bytes), the only tasks that come in unbounded numbers.
 */
public final class OrderedTasks implements Executor {

    private static final Logger LOG = LoggerFactory.getLogger(OrderedTasks.class);
    /** Tasks run per turn on the pool before yielding it to other sessions. */
    private static final int BATCH = 64;

    private final Executor pool;
    private final Queue<Runnable> tasks = new ConcurrentLinkedQueue<>();
    private final AtomicBoolean scheduled = new AtomicBoolean();

    public OrderedTasks(Executor pool) {
        this.pool = pool;
    }

    @Override
    public void execute(Runnable task) {
        tasks.add(task);
        schedule();
    }

    /**
     * Runs the task on the calling thread when nothing of this executor is queued or running, else queues it as
     * {@link #execute} does. A connection's I/O thread parses its frames this way, without a hand-off per frame,
     * while order and one-at-a-time still hold against tasks from other threads.
     */
    public void executeHere(Runnable task) {
        if (!tasks.isEmpty() || !scheduled.compareAndSet(false, true)) {
            execute(task);
            return;
        }
        try {
            run(task);
        } finally {
            release();
        }
    }

    private void schedule() {
        if (scheduled.compareAndSet(false, true)) {
            try {
                pool.execute(this::drain);
            } catch (RejectedExecutionException e) {
                // the pool was shut down (the client is closing): a task left undone could be a close that callers
                // wait for, so the turn runs here, still one at a time and in order (each later turn likewise)
                drain();
            }
        }
    }

    private static void run(Runnable task) {
        try {
            task.run();
        } catch (RuntimeException | Error e) {
            LOG.error("Session task failed", e);
        }
    }

    private void drain() {
        try {
            for (int i = 0; i < BATCH; i++) {
                Runnable task = tasks.poll();
                if (task == null) {
                    break;
                }
                run(task);
            }
        } finally {
            release();
        }
    }

    /** Ends a turn; tasks queued meanwhile get the next one on the pool. */
    private void release() {
        scheduled.set(false);
        if (!tasks.isEmpty()) {
            schedule();
        }
    }
}
