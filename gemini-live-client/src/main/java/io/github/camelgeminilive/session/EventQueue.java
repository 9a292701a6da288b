package io.github.camelgeminilive.session;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.Iterator;
import java.util.List;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Delivers a session's events to its listener one at a time, in order, on a shared executor, through a bounded
 * queue: a slow listener never holds up the connection, and memory stays bounded. At the bound the oldest
 * {@link LiveEvent.Audio} is dropped first, then the oldest content event (text, transcription, usage); events
 * that carry state (turn ends, tool calls, go-away, reconnects, close) are never dropped. Drops are counted and
 * logged at most every few seconds; events the executor rejects (it was shut down) are counted as dropped too.
 * Tasks queued with {@link #runInOrder} run between the events, in order, and are never dropped (on the calling
 * thread when the executor rejects them).
 */
final class EventQueue {

    private static final Logger LOG = LoggerFactory.getLogger(EventQueue.class);
    private static final long WARN_EVERY_NANOS = 5_000_000_000L;
    private static final int BATCH = 64;

    private final LiveSessionListener listener;
    private final Executor executor;
    private final int capacity;
    private final String name;
    /** {@link LiveEvent}s and in-order tasks ({@link Runnable}). */
    private final Deque<Object> queue = new ArrayDeque<>();
    private boolean scheduled;
    private long dropped;
    private long lastWarnNanos = System.nanoTime() - WARN_EVERY_NANOS;

    EventQueue(LiveSessionListener listener, Executor executor, int capacity, String name) {
        this.listener = listener;
        this.executor = executor;
        this.capacity = capacity;
        this.name = name;
    }

    void offer(LiveEvent event) {
        enqueue(event);
    }

    /** Runs {@code task} on the delivering thread after the events offered so far, before the ones after it. */
    void runInOrder(Runnable task) {
        enqueue(task);
    }

    private void enqueue(Object item) {
        boolean schedule;
        synchronized (this) {
            if (queue.size() >= capacity && dropOne()) {
                dropped++;
                warn();
            }
            queue.addLast(item);
            schedule = !scheduled;
            scheduled = true;
        }
        if (schedule) {
            submit();
        }
    }

    synchronized long dropped() {
        return dropped;
    }

    private boolean dropOne() {
        return dropFirst(LiveEventType.AUDIO) || dropFirst(null);
    }

    /** Drops the oldest event of the type, or (type null) the oldest content event. */
    private boolean dropFirst(LiveEventType type) {
        for (Iterator<Object> it = queue.iterator(); it.hasNext();) {
            if (it.next() instanceof LiveEvent e && (type == null ? droppable(e.type()) : e.type() == type)) {
                it.remove();
                return true;
            }
        }
        return false;
    }

    private static boolean droppable(LiveEventType type) {
        return switch (type) {
            case AUDIO, TEXT, INPUT_TRANSCRIPTION, OUTPUT_TRANSCRIPTION, USAGE, VOICE_ACTIVITY -> true;
            default -> false;
        };
    }

    private void warn() {
        long now = System.nanoTime();
        if (now - lastWarnNanos >= WARN_EVERY_NANOS) {
            lastWarnNanos = now;
            LOG.warn("Listener of {} is too slow: {} queued events, {} dropped so far (oldest audio first)",
                    name, capacity, dropped);
        }
    }

    private void submit() {
        try {
            executor.execute(this::drain);
        } catch (RejectedExecutionException e) {
            List<Runnable> tasks = new ArrayList<>();
            synchronized (this) {
                scheduled = false;
                int events = 0;
                for (Object item : queue) {
                    if (item instanceof Runnable task) {
                        tasks.add(task);
                    } else {
                        events++;
                    }
                }
                queue.clear();
                // the events cannot be delivered: they count as dropped, like the ones the bound drops
                dropped += events;
                LOG.warn("Event executor of {} rejected {} pending event(s), dropped ({} dropped so far): {}", name,
                        events, dropped, e.toString());
            }
            tasks.forEach(Runnable::run); // never dropped: they complete futures others wait on
        }
    }

    private void drain() {
        for (int i = 0; i < BATCH; i++) {
            Object item;
            synchronized (this) {
                item = queue.pollFirst();
                if (item == null) {
                    scheduled = false;
                    return;
                }
            }
            if (item instanceof Runnable task) {
                task.run();
                continue;
            }
            LiveEvent event = (LiveEvent) item;
            try {
                listener.onEvent(event);
            } catch (RuntimeException e) {
                LOG.warn("Listener of {} failed on {}: {}", name, event.type(), e.toString());
            }
        }
        submit(); // yield the shared thread to other sessions, then carry on
    }
}
