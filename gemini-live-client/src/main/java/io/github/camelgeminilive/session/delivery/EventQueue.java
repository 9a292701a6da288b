package io.github.camelgeminilive.session.delivery;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Deque;
import java.util.Iterator;
import java.util.List;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.function.Consumer;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.github.camelgeminilive.session.LiveEvent;
import io.github.camelgeminilive.session.LiveSessionException;
import io.github.camelgeminilive.session.LiveSessionListener;

/**
 * Delivers a session's events to its listener one at a time, in order, on a shared executor, through a queue
 * bounded in events and in bytes (payloads plus {@value #EVENT_OVERHEAD} per event), over all events: a slow
 * listener never holds up the connection, and memory stays bounded. Beyond a bound the oldest
 * {@link LiveEvent.Audio} is dropped first, then the oldest other content (text, transcription, code, usage,
 * voice activity, malformed-message reports), then a resumption update a newer queued one supersedes. When only
 * state is left (turn ends, tool calls, go-away, reconnects), nothing more can be dropped without losing meaning:
 * the queue reports the overflow once (the session then ends with that error in its {@link LiveEvent.Closed})
 * and drops every later event but the Closed. The Closed is always queued, never dropped, and nothing follows it.
 * Every drop is counted in the {@link SessionCounters} and logged at most every few seconds; events the executor
 * rejects (it was shut down) are counted as dropped too. A listener that throws, even an {@link Error}, is
 * logged and the next event is delivered. Tasks queued with {@link #runInOrder} run between the events, in order,
 * and are never dropped (on the calling thread when the executor rejects them).
 */
public final class EventQueue implements EventSink {

    /** Weight of an event beyond its payload (the record and its queue slot), so that the byte bound holds. */
    static final int EVENT_OVERHEAD = 64;

    private static final Logger LOG = LoggerFactory.getLogger(EventQueue.class);
    private static final long WARN_EVERY_NANOS = 5_000_000_000L;
    private static final int BATCH = 64;

    /** What may go first at the bound, in this order; STATE never. */
    private enum Kind {
        AUDIO, CONTENT, UPDATE, STATE
    }

    private final LiveSessionListener listener;
    private final Executor executor;
    private final int maxEvents;
    private final long maxBytes;
    private final String name;
    private final SessionCounters counters;
    private final Consumer<LiveSessionException> overflow;
    /** {@link LiveEvent}s and in-order tasks ({@link Runnable}). */
    private final Deque<Object> queue = new ArrayDeque<>();
    /** Queued events (tasks aside), their weight, and how many of each kind (to skip needless scans). */
    private int events;
    private long bytes;
    private final int[] byKind = new int[Kind.values().length];
    private boolean scheduled;
    /** Only state was left at the bound: the session is ending, nothing but its Closed is queued any more. */
    private boolean overflowed;
    /** The Closed is queued: nothing follows it. */
    private boolean closed;
    private long lastWarnNanos = System.nanoTime() - WARN_EVERY_NANOS;

    /**
     * @param overflow told once, outside the queue's lock, when the bound cannot be kept by dropping content: it
     *                 must end the session with the error it gets
     */
    public EventQueue(LiveSessionListener listener, Executor executor, int maxEvents, long maxBytes, String name,
            SessionCounters counters, Consumer<LiveSessionException> overflow) {
        this.listener = listener;
        this.executor = executor;
        this.maxEvents = maxEvents;
        this.maxBytes = maxBytes;
        this.name = name;
        this.counters = counters;
        this.overflow = overflow;
    }

    @Override
    public void offer(LiveEvent event) {
        LiveSessionException fellBehind = null;
        boolean schedule;
        synchronized (this) {
            boolean last = event instanceof LiveEvent.Closed;
            if (closed || overflowed && !last) {
                counters.droppedEvent(weight(event));
                warn();
                return;
            }
            queue.addLast(event);
            added(event);
            closed = last;
            if (!last) {
                fellBehind = keepBound();
            }
            schedule = !scheduled;
            scheduled = true;
        }
        if (fellBehind != null) {
            overflow.accept(fellBehind);
        }
        if (schedule) {
            submit();
        }
    }

    /** Runs {@code task} on the delivering thread after the events offered so far, before the ones after it. */
    @Override
    public void runInOrder(Runnable task) {
        boolean schedule;
        synchronized (this) {
            queue.addLast(task);
            schedule = !scheduled;
            scheduled = true;
        }
        if (schedule) {
            submit();
        }
    }

    /** Drops by policy until within both bounds; the overflow error when only state is left. */
    private LiveSessionException keepBound() {
        while (events > maxEvents || bytes > maxBytes) {
            if (!(dropFirst(Kind.AUDIO, 0) || dropFirst(Kind.CONTENT, 0) || dropFirst(Kind.UPDATE, 1))) {
                overflowed = true;
                LiveSessionException e = new LiveSessionException("The listener of " + name + " fell " + events
                        + " events (" + bytes + " bytes) behind, beyond maxQueuedEvents=" + maxEvents
                        + " / maxQueuedEventBytes=" + maxBytes + ", with nothing left it could lose without "
                        + "losing state (turn ends, tool calls): the session is ended", 1011,
                        "listener fell behind", null);
                LOG.warn("{}", e.getMessage());
                return e;
            }
            warn();
        }
        return null;
    }

    /** Drops the oldest event of the kind when more than {@code keep} of it are queued. */
    private boolean dropFirst(Kind kind, int keep) {
        if (byKind[kind.ordinal()] <= keep) {
            return false;
        }
        for (Iterator<Object> it = queue.iterator(); it.hasNext();) {
            if (it.next() instanceof LiveEvent e && kind(e) == kind) {
                it.remove();
                removed(e);
                counters.droppedEvent(weight(e));
                return true;
            }
        }
        return false;
    }

    private void added(LiveEvent e) {
        events++;
        bytes += weight(e);
        byKind[kind(e).ordinal()]++;
    }

    private void removed(LiveEvent e) {
        events--;
        bytes -= weight(e);
        byKind[kind(e).ordinal()]--;
    }

    private static Kind kind(LiveEvent e) {
        return switch (e.type()) {
            case AUDIO -> Kind.AUDIO;
            case TEXT, INPUT_TRANSCRIPTION, OUTPUT_TRANSCRIPTION, CODE_EXECUTION, USAGE, VOICE_ACTIVITY,
                    MALFORMED_MESSAGE -> Kind.CONTENT;
            case RESUMPTION_UPDATE -> Kind.UPDATE;
            default -> Kind.STATE;
        };
    }

    /** Payload bytes (characters for text) plus {@link #EVENT_OVERHEAD}. */
    static long weight(LiveEvent e) {
        long payload = 0;
        if (e instanceof LiveEvent.Audio a) {
            payload = a.data().length;
        } else if (e instanceof LiveEvent.Text t) {
            payload = chars(t.text());
        } else if (e instanceof LiveEvent.OutputTranscription t) {
            payload = t.transcription() == null ? 0 : chars(t.transcription().text());
        } else if (e instanceof LiveEvent.InputTranscription t) {
            payload = t.transcription() == null ? 0 : chars(t.transcription().text());
        } else if (e instanceof LiveEvent.ResumptionUpdate u) {
            payload = chars(u.newHandle());
        } else if (e instanceof LiveEvent.MalformedMessage m) {
            payload = chars(m.error());
        }
        return EVENT_OVERHEAD + payload;
    }

    private static int chars(String s) {
        return s == null ? 0 : s.length();
    }

    private void warn() {
        long now = System.nanoTime();
        if (now - lastWarnNanos >= WARN_EVERY_NANOS) {
            lastWarnNanos = now;
            LOG.warn("Listener of {} is too slow: {} events ({} bytes) queued, {} dropped so far (oldest audio "
                    + "first)", name, events, bytes, counters.droppedEvents.get());
        }
    }

    private void submit() {
        try {
            executor.execute(this::drain);
        } catch (RejectedExecutionException e) {
            List<Runnable> tasks = new ArrayList<>();
            synchronized (this) {
                scheduled = false;
                for (Object item : queue) {
                    if (item instanceof Runnable task) {
                        tasks.add(task);
                    } else {
                        // cannot be delivered: counted as dropped, like the ones the bound drops
                        counters.droppedEvent(weight((LiveEvent) item));
                    }
                }
                LOG.warn("Event executor of {} rejected {} pending event(s), dropped ({} dropped so far): {}", name,
                        events, counters.droppedEvents.get(), e.toString());
                queue.clear();
                events = 0;
                bytes = 0;
                Arrays.fill(byKind, 0);
            }
            tasks.forEach(EventQueue::runTask); // never dropped: they complete futures others wait on
        }
    }

    private void drain() {
        boolean more = true;
        try {
            for (int i = 0; i < BATCH; i++) {
                Object item;
                synchronized (this) {
                    item = queue.pollFirst();
                    if (item == null) {
                        scheduled = false;
                        more = false;
                        return;
                    }
                    if (item instanceof LiveEvent e) {
                        removed(e);
                    }
                }
                if (item instanceof Runnable task) {
                    runTask(task);
                } else {
                    deliver((LiveEvent) item);
                }
            }
        } finally {
            if (more) {
                submit(); // yield the shared thread to other sessions, then carry on (also if anything escaped)
            }
        }
    }

    /**
     * An {@link Error} from the listener is its own failure, not the session's: logged, and the next event is
     * delivered (stopping here would leave the listener without its Closed, and a session open for nothing).
     */
    private void deliver(LiveEvent event) {
        try {
            listener.onEvent(event);
        } catch (RuntimeException e) {
            LOG.warn("Listener of {} failed on {}: {}", name, event.type(), e.toString());
        } catch (Error e) {
            LOG.error("Listener of {} threw an Error on {}; delivering the next event", name, event.type(), e);
        }
    }

    private static void runTask(Runnable task) {
        try {
            task.run();
        } catch (RuntimeException | Error e) {
            LOG.error("In-order session task failed", e);
        }
    }
}
