package io.github.camelgeminilive.session.connection;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.Executor;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.ObjLongConsumer;
import java.util.function.Supplier;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.github.camelgeminilive.protocol.ServerMessage;
import io.github.camelgeminilive.protocol.SessionResumptionUpdate;
import io.github.camelgeminilive.session.LiveEvent;
import io.github.camelgeminilive.session.LiveSessionException;
import io.github.camelgeminilive.session.LiveSessionException.ConnectionLostException;
import io.github.camelgeminilive.session.LiveSessionException.MalformedMessageException;
import io.github.camelgeminilive.session.LiveSessionListener;
import io.github.camelgeminilive.session.SessionOptions;
import io.github.camelgeminilive.session.delivery.EventQueue;
import io.github.camelgeminilive.session.delivery.EventSink;
import io.github.camelgeminilive.session.delivery.InlineSink;
import io.github.camelgeminilive.session.delivery.OrderedTasks;
import io.github.camelgeminilive.session.delivery.SessionCounters;

/**
 * The receiving side of a {@link PlainLiveSession}, all in wire order, one task at a time: received frames wait in
 * a bounded backlog for their turn, are parsed (on the I/O thread that read them, or on the shared pool while
 * another task of the session runs: parsing is bounded, non-blocking work, one hand-off less per frame), fanned
 * out into events ({@link ServerEvents}) and handed to an {@link EventSink}: for a plain session a bounded
 * {@link EventQueue} that delivers them to the listener on the event executor (a slow listener loses the oldest
 * audio, never stalls the reader); for a connection of a resilient session the engine itself, inline
 * ({@link InlineSink}), whose own queue is then the only one between the socket and the caller's listener. It
 * keeps the setup gate (before {@code setupComplete} the sink hears nothing, and a failure fails the connect
 * instead), applies the {@link MalformedMessages} policy, and ends the events with the one
 * {@link LiveEvent.Closed}.
 */
final class FrameReceiver {

    private static final Logger LOG = LoggerFactory.getLogger(FrameReceiver.class);
    private static final int NORMAL = 1000;
    private static final int INVALID_DATA = 1007;
    private static final int INTERNAL_ERROR = 1011;

    private final PlainLiveSession session;
    private final String name;
    /** Parses received frames in order, one at a time: on the reading thread, or on the shared pool while busy. */
    private final OrderedTasks tasks;
    /** Hands the events on: to a bounded queue (a slow listener costs dropped audio, not memory), or inline. */
    private final EventSink sink;
    private final SessionCounters counters;
    private final MalformedMessages malformed;
    private final ObjLongConsumer<String> onHandle;
    private volatile String resumptionHandle;
    /** Received frames waiting to be parsed, and their bytes; beyond the bounds the session ends. */
    private final AtomicInteger backlogFrames = new AtomicInteger();
    private final AtomicLong backlogBytes = new AtomicLong();
    private volatile boolean backlogOverflow;
    private final int maxBacklogFrames;
    private final long maxBacklogBytes;
    /** Confined to the ordered tasks: {@code setupComplete} arrived. */
    private boolean setupSeen;
    /** Confined to the ordered tasks: after a fatal error or the Closed event nothing more is delivered. */
    private boolean finished;

    /**
     * Exactly one of {@code listener} (through a bounded {@link EventQueue}) and {@code engine} (inline) is set.
     *
     * @param pool     runs the frames that must wait for their turn, and the listener when the options name no
     *                 executor
     * @param onHandle told each resumable handle and when its frame was read, before its event is handed on
     */
    FrameReceiver(PlainLiveSession session, String name, Executor pool, SessionOptions options,
            SessionCounters counters, LiveSessionListener listener, LiveSessionListener engine,
            ObjLongConsumer<String> onHandle) {
        this.session = session;
        this.name = name;
        this.sink = engine != null ? new InlineSink(engine, "session " + name)
                : new EventQueue(listener, options.eventExecutor() != null ? options.eventExecutor() : pool,
                        options.maxQueuedEvents(), options.maxQueuedEventBytes(), "session " + name, counters,
                        this::fellBehind);
        this.onHandle = onHandle;
        this.tasks = new OrderedTasks(pool);
        this.counters = counters;
        this.malformed = new MalformedMessages(name, PlainLiveSession.MAX_CONSECUTIVE_MALFORMED,
                counters.malformedMessages, sink);
        // the backlog is not the listener's queue: a small bound for a slow listener must not end the session
        // when a burst arrives while a pool thread is slow to run the parsing
        this.maxBacklogFrames = Math.max(options.maxQueuedEvents(), SessionOptions.DEFAULT_MAX_QUEUED_EVENTS);
        this.maxBacklogBytes = Math.max(options.maxQueuedEventBytes(), SessionOptions.DEFAULT_MAX_QUEUED_EVENT_BYTES);
    }

    /**
     * Parses the frame here, or queues it while another task of the session runs (the pool may be busy with slow
     * listeners). The frames queued are bounded by {@code maxQueuedEvents} and {@code maxQueuedEventBytes}, at
     * least their defaults: beyond, the session ends with a clear error, and the frames still arriving are
     * dropped and counted.
     */
    void received(long size, Supplier<ServerMessage> parse) {
        counters.received(size);
        if (backlogOverflow) {
            counters.droppedEvent(size);
            return;
        }
        int frames = backlogFrames.incrementAndGet();
        long bytes = backlogBytes.addAndGet(size);
        if (frames > maxBacklogFrames || bytes > maxBacklogBytes) {
            backlogOverflow = true;
            counters.droppedEvent(size);
            String why = "Session " + name + " fell behind parsing: " + frames + " received messages (" + bytes
                    + " bytes) waiting, beyond the bounds (" + maxBacklogFrames + " messages / " + maxBacklogBytes
                    + " bytes): the session is ended";
            LOG.warn("{}", why);
            fellBehind(new LiveSessionException(why, INTERNAL_ERROR, "client fell behind", null));
            return;
        }
        long readNanos = System.nanoTime(); // before the frame may wait for its turn
        tasks.executeHere(() -> {
            backlogFrames.decrementAndGet();
            backlogBytes.addAndGet(-size);
            if (backlogOverflow || finished) { // the session is ending: what still arrives is dropped, counted
                counters.droppedEvent(size);
            } else {
                receive(parse, readNanos);
            }
        });
    }

    /** The newest resumable handle, or null. */
    String resumptionHandle() {
        return resumptionHandle;
    }

    /** Runs {@code task} after the events of the frames received so far have been handed on. */
    void runInOrder(Runnable task) {
        tasks.executeHere(() -> sink.runInOrder(task));
    }

    /** The connection closed: the last event, the Closed, then {@code then}. */
    void closed(int code, String reason, Runnable then) {
        tasks.executeHere(() -> {
            finish(code, reason);
            sink.runInOrder(then);
        });
    }

    /** No {@code setupComplete} within {@code timeout}: the session ends, unless it came meanwhile. */
    void setupTimedOut(Duration timeout) {
        tasks.execute(() -> {
            if (!setupSeen && !finished) {
                fail(new ConnectionLostException("No setupComplete from the Live API within " + timeout
                        + " (session " + name + ")", 0, "setup timeout", null), NORMAL, "");
            }
        });
    }

    /** A bound was passed outside the frame being parsed: the session ends with {@code error} unless it ended. */
    private void fellBehind(LiveSessionException error) {
        tasks.execute(() -> {
            if (!finished) {
                fail(error, INTERNAL_ERROR, error.reason());
            }
        });
    }

    private void receive(Supplier<ServerMessage> parse, long readNanos) {
        ServerMessage message;
        List<LiveEvent> events;
        try {
            message = parse.get();
            events = ServerEvents.of(message);
        } catch (RuntimeException e) { // a ProtocolException, or a shape the fan-out cannot read (a null part)
            MalformedMessageException fatal = malformed.skip(e, setupSeen);
            if (fatal != null) {
                fail(fatal, INVALID_DATA, "malformed server message");
            }
            return;
        }
        malformed.parsed();
        if (!setupSeen) {
            if (message.setupComplete() == null) {
                fail(new LiveSessionException("Live API sent another message before setupComplete (session "
                        + name + ")", 0, null, null), INVALID_DATA, "expected setupComplete first");
                return;
            }
            setupSeen = true;
            session.setupCompleted(message.setupComplete().sessionId());
        }
        SessionResumptionUpdate update = message.sessionResumptionUpdate();
        if (update != null && update.isResumable() && update.newHandle() != null && !update.newHandle().isBlank()) {
            resumptionHandle = update.newHandle();
            onHandle.accept(resumptionHandle, readNanos);
        }
        for (LiveEvent event : events) {
            sink.offer(event);
        }
    }

    /** A fatal error seen by this side: stop delivering, fail the setup if pending, close the connection. */
    private void fail(LiveSessionException error, int closeCode, String closeReason) {
        session.failed(error);
        LOG.debug("Session {} failed: {}", name, error.getMessage());
        finished = true;
        if (setupSeen) {
            sink.offer(new LiveEvent.Closed(closeCode, error.reason(), error));
        } else {
            session.setupFailed(error);
        }
        session.closeConnection(closeCode, closeReason);
    }

    private void finish(int code, String reason) {
        LiveSessionException failure = session.failure();
        if (!setupSeen) {
            session.setupFailed(failure != null ? failure
                    : new ConnectionLostException("Live API closed the connection (" + code + ") before "
                            + "setupComplete (session " + name + ")", code, reason, null));
        }
        if (!finished) {
            finished = true;
            sink.offer(new LiveEvent.Closed(code, reason, failure));
        }
    }
}
