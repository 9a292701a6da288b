package io.github.camelgeminilive.session.delivery;

import java.util.concurrent.Executor;
import java.util.concurrent.atomic.LongAdder;

import io.github.camelgeminilive.ordered.OrderedInbox;

/**
 * Runs tasks one at a time, in submission order, on a shared executor: a session's events stay ordered without a
 * thread of their own (an {@link OrderedInbox} of tasks). A task that throws, even an {@link Error}, does not stop
 * the ones after it, and never reaches the thread that ran it (an I/O thread, for {@link #executeHere}); tasks the
 * executor rejects run on the submitting thread, as a close that callers wait for must not be lost. The queue itself
 * has no bound: a session's {@code FrameReceiver} bounds the received frames it queues here (in count and bytes),
 * the only tasks that come in unbounded numbers.
 */
public final class OrderedTasks implements Executor {

    private final OrderedInbox<Runnable> inbox;

    public OrderedTasks(Executor pool) {
        // nothing is limited, and a caller-runs pool drops nothing
        this.inbox = new OrderedInbox<>(OrderedInbox.callerRunsWhenRejected(pool), (task, done) -> {
            task.run();
            done.accept(task);
        }, 1, task -> false, 1, new LongAdder());
    }

    @Override
    public void execute(Runnable task) {
        inbox.offer(task);
    }

    /**
     * Runs the task on the calling thread when nothing of this executor is queued or running, else queues it as
     * {@link #execute} does. A connection's I/O thread parses its frames this way, without a hand-off per frame,
     * while order and one-at-a-time still hold against tasks from other threads.
     */
    public void executeHere(Runnable task) {
        inbox.offerHere(task);
    }
}
