package io.github.camelgeminilive.ordered;

import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.Consumer;
import java.util.function.Predicate;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The items of one key (a session, a connection, a call) started by their handler in the order offered, on a shared
 * pool (no thread per key), never two handlers at once. An item may finish later on another thread (an asynchronous
 * Camel route). Items are frames (messages, audio) or events (a call's start and end):
 * <ul>
 * <li>frames are bounded: {@link #offer} refuses one more when {@code maxFrames} wait or are under way, for the caller
 * to count and act on; events always get in;</li>
 * <li>at most {@code maxInFlight} frames are started and not finished: with 1 the next starts only once the previous
 * finished, with more as soon as the previous one's handler returned, which keeps the order of whatever the handlers
 * do before they return (such as handing a frame to an in-order writer);</li>
 * <li>an event starts alone: once everything before it finished, and nothing after it starts before it finished.</li>
 * </ul>
 * The pool must queue a turn while its threads are busy (an inbox has at most one turn queued, so an unbounded queue
 * is fine) and throw {@link RejectedExecutionException} only once it is shutting down (a "caller runs" or "discard"
 * policy would wedge the inbox or run the handlers on the offering thread): items whose turn it rejects are dropped
 * and counted in {@code dropped}, so a pool that rejects while running (no queue) loses items; a pool that must not
 * lose them runs a rejected task on the caller instead (see {@link #callerRunsWhenRejected}).
 *
 * @param <T> the items
 */
public final class OrderedInbox<T> {

    /** Starts handling one item. */
    @FunctionalInterface
    public interface Handler<T> {
        /**
         * Handles {@code item} and calls {@code done} with it exactly once, before returning or later on any thread.
         * A handler that throws has finished its item (the error is logged, the next item goes on); a second
         * {@code done} of one item is ignored (and logged).
         */
        void handle(T item, Consumer<T> done);
    }

    private static final Logger LOG = LoggerFactory.getLogger(OrderedInbox.class);
    /** Items started per turn on the pool before yielding it to other keys. */
    private static final int BATCH = 64;

    private final Queue<T> queue = new ConcurrentLinkedQueue<>();
    /** A turn is scheduled or running: only its thread starts items. */
    private final AtomicBoolean scheduled = new AtomicBoolean();
    /** Frames started and not finished, plus maxInFlight for an event: full while an event runs. */
    private final AtomicInteger inFlight = new AtomicInteger();
    private final AtomicInteger frames = new AtomicInteger();
    private final Executor pool;
    private final Handler<T> handler;
    private final int maxInFlight;
    private final Predicate<? super T> isFrame;
    private final int maxFrames;
    private final LongAdder dropped;
    private final Runnable turn = this::drain;

    /**
     * @param pool        runs the turns (shared by many inboxes)
     * @param handler     starts each item
     * @param maxInFlight frames started and not finished at most (1: one at a time)
     * @param isFrame     tells frames from events
     * @param maxFrames   frames waiting or under way at most
     * @param dropped     counts the items dropped because the pool rejected their turn
     */
    public OrderedInbox(Executor pool, Handler<T> handler, int maxInFlight, Predicate<? super T> isFrame,
            int maxFrames, LongAdder dropped) {
        if (maxInFlight < 1 || maxFrames < 1) {
            throw new IllegalArgumentException("maxInFlight and maxFrames must be at least 1, got " + maxInFlight
                    + " and " + maxFrames);
        }
        this.pool = pool;
        this.handler = handler;
        this.maxInFlight = maxInFlight;
        this.isFrame = isFrame;
        this.maxFrames = maxFrames;
        this.dropped = dropped;
    }

    /** Wraps a pool so that a task it rejects (it is shutting down) runs on the submitting thread. */
    public static Executor callerRunsWhenRejected(Executor pool) {
        return task -> {
            try {
                pool.execute(task);
            } catch (RejectedExecutionException e) {
                task.run();
            }
        };
    }

    /** Queues an item for its turn; false (nothing queued) for a frame when {@code maxFrames} are in. */
    public boolean offer(T item) {
        if (!admit(item)) {
            return false;
        }
        queue.add(item);
        schedule();
        return true;
    }

    /**
     * Starts the item on the calling thread when nothing of this inbox waits or runs, else queues it as
     * {@link #offer} does: an I/O thread hands over its frames without a thread hand-off when it can.
     */
    public boolean offerHere(T item) {
        if (!admit(item)) {
            return false;
        }
        // take the turn first: only under it do the queue and inFlight not change behind the check
        if (queue.isEmpty() && scheduled.compareAndSet(false, true)) {
            try {
                if (queue.isEmpty() && canStart(item)) {
                    start(item);
                } else {
                    queue.add(item);
                }
            } finally {
                release();
            }
            return true;
        }
        queue.add(item);
        schedule();
        return true;
    }

    private boolean admit(T item) {
        if (isFrame.test(item) && frames.incrementAndGet() > maxFrames) {
            frames.decrementAndGet();
            return false;
        }
        return true;
    }

    /** Only a turn's thread starts items (so only it raises inFlight) and polls the queue. */
    private boolean canStart(T item) {
        return item != null && (isFrame.test(item) ? inFlight.get() < maxInFlight : inFlight.get() == 0);
    }

    private int weight(T item) {
        return isFrame.test(item) ? 1 : maxInFlight;
    }

    private void schedule() {
        while (canStart(queue.peek()) && scheduled.compareAndSet(false, true)) {
            try {
                pool.execute(turn);
                return;
            } catch (RejectedExecutionException e) {
                dropQueued();
                scheduled.set(false);
            }
        }
    }

    private void dropQueued() {
        for (T item = queue.poll(); item != null; item = queue.poll()) {
            dropped.increment();
            if (isFrame.test(item)) {
                frames.decrementAndGet();
            }
        }
        LOG.debug("Items not started: the pool is stopping");
    }

    private void drain() {
        try {
            for (int i = 0; i < BATCH && canStart(queue.peek()); i++) {
                start(queue.poll());
            }
        } finally {
            release();
        }
    }

    private void start(T item) {
        inFlight.addAndGet(weight(item));
        Started started = new Started(item);
        try {
            handler.handle(item, started);
        } catch (RuntimeException | Error e) {
            LOG.error("Handling an item failed", e);
            started.finish();
        }
    }

    /** The {@code done} of one started item: it finishes the item once, whoever calls it how often. */
    private final class Started extends AtomicBoolean implements Consumer<T> {
        private static final long serialVersionUID = 1L;
        private final transient T item;

        Started(T item) {
            this.item = item;
        }

        @Override
        public void accept(T ignored) {
            if (!finish()) {
                LOG.warn("An item was finished twice: its handler called done twice, or called it and threw");
            }
        }

        boolean finish() {
            if (!compareAndSet(false, true)) {
                return false;
            }
            if (isFrame.test(item)) {
                frames.decrementAndGet();
            }
            inFlight.addAndGet(-weight(item));
            schedule();
            return true;
        }
    }

    /** Ends a turn; items queued or let in meanwhile get the next one. */
    private void release() {
        scheduled.set(false);
        schedule();
    }
}
