package io.github.camelgeminilive.session.connection;

import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.ObjLongConsumer;
import java.util.function.Supplier;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.github.camelgeminilive.protocol.ClientMessage;
import io.github.camelgeminilive.protocol.Content;
import io.github.camelgeminilive.protocol.FunctionResponse;
import io.github.camelgeminilive.protocol.LiveJson;
import io.github.camelgeminilive.protocol.ModelRules;
import io.github.camelgeminilive.protocol.ProtocolException;
import io.github.camelgeminilive.protocol.ServerMessage;
import io.github.camelgeminilive.protocol.SessionResumptionUpdate;
import io.github.camelgeminilive.protocol.Setup;
import io.github.camelgeminilive.session.LiveEvent;
import io.github.camelgeminilive.session.LiveSession;
import io.github.camelgeminilive.session.LiveSessionException;
import io.github.camelgeminilive.session.LiveSessionException.ConnectionLostException;
import io.github.camelgeminilive.session.LiveSessionException.MalformedMessageException;
import io.github.camelgeminilive.session.LiveSessionException.SessionClosedException;
import io.github.camelgeminilive.session.LiveSessionListener;
import io.github.camelgeminilive.session.ResilienceMetrics;
import io.github.camelgeminilive.session.SessionOptions;
import io.github.camelgeminilive.session.delivery.EventQueue;
import io.github.camelgeminilive.session.delivery.EventSink;
import io.github.camelgeminilive.session.delivery.InlineSink;
import io.github.camelgeminilive.session.delivery.OrderedTasks;
import io.github.camelgeminilive.session.delivery.SessionCounters;
import io.github.camelgeminilive.transport.SendRefusedException;
import io.github.camelgeminilive.transport.WebSocketConnection;
import io.github.camelgeminilive.transport.WebSocketHandler;

/**
 * One Live API session over one connection. Received frames are parsed and fanned out in order on the I/O thread
 * that read them (parsing is bounded, non-blocking work: one hand-off less per frame), or on the shared pool while
 * another task of the session runs; frames waiting there are bounded in count and bytes (beyond, the session ends
 * rather than grow). The events go, one at a time, in order, ending with {@link LiveEvent.Closed}, to an
 * {@link EventSink}: for a plain session a bounded {@link EventQueue} that delivers them to the listener on the
 * event executor (a slow listener loses the oldest audio, never stalls the reader); for a connection of a
 * resilient session the engine itself, inline ({@link InlineSink}), whose own queue is then the only one between
 * the socket and the caller's listener. Before {@code setupComplete} the listener sees nothing: a failed setup
 * only fails the connect future. After it, a message that fails to parse is skipped, counted and reported as
 * {@link LiveEvent.MalformedMessage}; {@value #MAX_CONSECUTIVE_MALFORMED} in a row end the session (1007).
 */
public final class PlainLiveSession implements LiveSession, WebSocketHandler {

    private static final Logger LOG = LoggerFactory.getLogger(PlainLiveSession.class);
    private static final AtomicLong COUNTER = new AtomicLong();
    /** How long a close handshake or a failing connection may take before the socket is dropped. */
    private static final Duration CLOSE_GRACE = Duration.ofSeconds(5);
    private static final int NORMAL = 1000;
    private static final int INVALID_DATA = 1007;
    private static final int INTERNAL_ERROR = 1011;
    /** Malformed messages in a row that end the session: a service sending only garbage is not worth waiting on. */
    public static final int MAX_CONSECUTIVE_MALFORMED = 100;
    /** Longest parser message passed on (it never holds the frame, but may quote a token). */
    private static final int MAX_ERROR_CHARS = 500;
    private static final long WARN_EVERY_NANOS = 5_000_000_000L;

    private enum State { CONNECTING, OPEN, CLOSING, CLOSED }

    private final String name = "live-" + COUNTER.incrementAndGet();
    private final SessionOptions options;
    private final ModelRules rules;
    /** Parses received frames in order, one at a time: on the reading thread, or on the shared pool while busy. */
    private final OrderedTasks events;
    /** Hands the events on: to a bounded queue (a slow listener costs dropped audio, not memory), or inline. */
    private final EventSink delivery;
    private final Executor completions;
    private final Runnable onPong;
    private final ObjLongConsumer<String> onHandle;
    private final SessionCounters counters;
    private final CompletableFuture<LiveSession> setupDone = new CompletableFuture<>();
    private final CompletableFuture<Void> closed = new CompletableFuture<>();
    private final CompletableFuture<Void> ended = new CompletableFuture<>();

    private final AtomicReference<State> state = new AtomicReference<>(State.CONNECTING);
    private volatile WebSocketConnection connection;
    private volatile String sessionId;
    private volatile String resumptionHandle;
    /** Why the session ended; the first error wins. */
    private volatile LiveSessionException failure;
    /** Confined to the ordered tasks: {@code setupComplete} arrived. */
    private boolean setupSeen;
    /** Confined to the ordered tasks: after a fatal error or the Closed event nothing more is delivered. */
    private boolean finished;
    /** Confined to the ordered tasks: malformed messages since the last good one. */
    private int consecutiveMalformed;
    private long lastMalformedWarnNanos = System.nanoTime() - WARN_EVERY_NANOS;
    /** Received frames waiting to be parsed, and their bytes; beyond the bounds the session ends. */
    private final AtomicInteger backlogFrames = new AtomicInteger();
    private final AtomicLong backlogBytes = new AtomicLong();
    private volatile boolean backlogOverflow;
    private final int maxBacklogFrames;
    private final long maxBacklogBytes;

    /**
     * @param pool shared pool: runs events when the options name no executor, completes the setup future (so that
     *             code chained to it never holds up this session's events) and runs the session's timers
     */
    public PlainLiveSession(SessionOptions options, LiveSessionListener listener, Executor pool) {
        this(options, pool, () -> {}, (handle, readNanos) -> {}, new SessionCounters(), listener, null);
    }

    /**
     * A connection of a resilient session: its events go to {@code engine} inline, on the thread that parsed them,
     * one at a time and in order, so the engine must return quickly and never block.
     *
     * @param onPong   called when a pong arrives, in order with the events (on the thread that hands them on)
     * @param onHandle called with each resumable handle and when its frame was read (System.nanoTime, taken on the
     *                 reading thread before any queue), before its event is handed on (a resilient session times
     *                 what the handle covers from this)
     * @param counters where drops and malformed messages are counted (a resilient session's, for its connections)
     */
    public PlainLiveSession(SessionOptions options, LiveSessionListener engine, Executor pool, Runnable onPong,
            ObjLongConsumer<String> onHandle, SessionCounters counters) {
        this(options, pool, onPong, onHandle, counters, null, engine);
    }

    /** Exactly one of {@code listener} (through a queue) and {@code engine} (inline) is set. */
    private PlainLiveSession(SessionOptions options, Executor pool, Runnable onPong, ObjLongConsumer<String> onHandle,
            SessionCounters counters, LiveSessionListener listener, LiveSessionListener engine) {
        this.onPong = onPong;
        this.onHandle = onHandle;
        this.options = options;
        this.rules = options.rules();
        this.counters = counters;
        // the backlog is not the listener's queue: a small bound for a slow listener must not end the session
        // when a burst arrives while a pool thread is slow to run the parsing
        this.maxBacklogFrames = Math.max(options.maxQueuedEvents(), SessionOptions.DEFAULT_MAX_QUEUED_EVENTS);
        this.maxBacklogBytes = Math.max(options.maxQueuedEventBytes(), SessionOptions.DEFAULT_MAX_QUEUED_EVENT_BYTES);
        this.events = new OrderedTasks(pool);
        this.delivery = engine != null ? new InlineSink(engine, "session " + name)
                : new EventQueue(listener, options.eventExecutor() != null ? options.eventExecutor() : pool,
                        options.maxQueuedEvents(), options.maxQueuedEventBytes(), "session " + name, counters,
                        error -> events.execute(() -> failOnce(error)));
        this.completions = pool;
    }

    public CompletableFuture<LiveSession> setupFuture() {
        return setupDone;
    }

    /**
     * Completes once the connection has ended and the listener has had its last event (the Closed): the moment a
     * closing client may shut the pool that delivers events. {@link #closeAsync} completes earlier, at the close
     * handshake, so that a listener may close its own session and wait for that.
     */
    public CompletableFuture<Void> endedFuture() {
        return ended;
    }

    /** The connection is up: send {@code setup} and start waiting for {@code setupComplete}. */
    public void opened(WebSocketConnection connection, String resumptionHandle) {
        this.connection = connection;
        if (state.get() != State.CONNECTING) { // closed while the handshake ran
            closeConnection(NORMAL, "");
            return;
        }
        Setup setup = resumptionHandle == null || resumptionHandle.isBlank()
                ? options.setup()
                : options.setup().withResumptionHandle(resumptionHandle);
        connection.sendText(LiveJson.get().writeBytes(ClientMessage.of(setup)));
        later(options.setupTimeout(), () -> {
            if (!setupDone.isDone()) {
                events.execute(this::setupTimedOut);
            }
        });
    }

    private void setupTimedOut() {
        if (!setupSeen && !finished) {
            fail(new ConnectionLostException("No setupComplete from the Live API within " + options.setupTimeout()
                    + " (session " + name + ")", 0, "setup timeout", null), NORMAL, "");
        }
    }

    /** The connection could not be opened. */
    public void connectFailed(Throwable error) {
        Throwable e = Failures.unwrap(error);
        state.set(State.CLOSED);
        closed.complete(null);
        ended.complete(null);
        setupDone.completeExceptionally(e instanceof LiveSessionException || e instanceof IllegalArgumentException
                ? e
                : new ConnectionLostException(e.getMessage(), 0, null, e));
    }

    // ---- receiving (parsed on the I/O thread, delivered on the event executor) ----

    @Override
    public void onText(String text) {
        received(text.length(), () -> LiveJson.get().readServer(text));
    }

    @Override
    public void onBinary(byte[] data) {
        received(data.length, () -> LiveJson.get().readServer(data));
    }

    /**
     * Parses the frame here, or queues it while another task of the session runs (the pool may be busy with slow
     * listeners). The frames queued are bounded by {@code maxQueuedEvents} and {@code maxQueuedEventBytes}, at
     * least their defaults: beyond, the session ends with a clear error, and the frames still arriving are
     * dropped and counted.
     */
    private void received(long size, Supplier<ServerMessage> parse) {
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
            events.execute(() -> failOnce(new LiveSessionException(why, INTERNAL_ERROR, "client fell behind", null)));
            return;
        }
        long readNanos = System.nanoTime(); // before the frame may wait for its turn
        events.executeHere(() -> {
            backlogFrames.decrementAndGet();
            backlogBytes.addAndGet(-size);
            if (backlogOverflow || finished) { // the session is ending: what still arrives is dropped, counted
                counters.droppedEvent(size);
            } else {
                receive(parse, readNanos);
            }
        });
    }

    @Override
    public void onClose(int code, String reason, Throwable error) {
        if (failure == null && code != NORMAL) {
            failure = code == LiveSessionException.ABNORMAL
                    ? new ConnectionLostException("Live API connection lost without a close frame (1006)"
                            + (error == null ? "" : ": " + error), code, reason, error)
                    : LiveSessionException.forClose(code, reason);
        }
        state.set(State.CLOSED);
        closed.complete(null);
        events.executeHere(() -> {
            finish(code, reason);
            delivery.runInOrder(() -> ended.complete(null));
        });
    }

    private void receive(Supplier<ServerMessage> parse, long readNanos) {
        ServerMessage message;
        List<LiveEvent> fanned;
        try {
            message = parse.get();
            fanned = ServerEvents.of(message);
        } catch (RuntimeException e) { // a ProtocolException, or a shape the fan-out cannot read (a null part)
            malformed(e);
            return;
        }
        consecutiveMalformed = 0;
        if (!setupSeen) {
            if (message.setupComplete() == null) {
                fail(new LiveSessionException("Live API sent another message before setupComplete (session "
                        + name + ")", 0, null, null), INVALID_DATA, "expected setupComplete first");
                return;
            }
            setupSeen = true;
            sessionId = message.setupComplete().sessionId();
            state.compareAndSet(State.CONNECTING, State.OPEN);
            completeSetup(() -> setupDone.complete(this));
        }
        SessionResumptionUpdate update = message.sessionResumptionUpdate();
        if (update != null && update.isResumable() && update.newHandle() != null && !update.newHandle().isBlank()) {
            resumptionHandle = update.newHandle();
            onHandle.accept(resumptionHandle, readNanos);
        }
        for (LiveEvent event : fanned) {
            deliver(event);
        }
    }

    /**
     * Before {@code setupComplete} a malformed message fails the connect (it cannot be trusted as the setup's
     * answer); after it, the message is skipped, counted, logged (rate-limited) and reported, up to
     * {@link #MAX_CONSECUTIVE_MALFORMED} in a row.
     */
    private void malformed(RuntimeException e) {
        String error = String.valueOf(e instanceof ProtocolException
                ? e.getMessage() : "Malformed server message: " + e);
        if (error.length() > MAX_ERROR_CHARS) {
            error = error.substring(0, MAX_ERROR_CHARS) + "...";
        }
        if (setupSeen) {
            counters.malformedMessages.incrementAndGet();
        }
        if (!setupSeen || ++consecutiveMalformed >= MAX_CONSECUTIVE_MALFORMED) {
            String what = setupSeen ? consecutiveMalformed + " malformed messages in a row" : "a malformed message";
            fail(new MalformedMessageException("Live API sent " + what + " (session " + name + "): " + error, e),
                    INVALID_DATA, "malformed server message");
            return;
        }
        long now = System.nanoTime();
        if (now - lastMalformedWarnNanos >= WARN_EVERY_NANOS) {
            lastMalformedWarnNanos = now;
            LOG.warn("Session {} skipped a malformed server message ({} so far): {}", name,
                    counters.malformedMessages.get(), error);
        } else {
            LOG.debug("Session {} skipped a malformed server message: {}", name, error);
        }
        deliver(new LiveEvent.MalformedMessage(error));
    }

    /** A fatal error found outside the frame being parsed (a bound): ends the session unless it already ended. */
    private void failOnce(LiveSessionException error) {
        if (!finished) {
            fail(error, INTERNAL_ERROR, error.reason());
        }
    }

    /** A fatal error seen by this side: stop delivering, fail the setup if pending, close the connection. */
    private void fail(LiveSessionException error, int closeCode, String closeReason) {
        if (failure == null) {
            failure = error;
        }
        LOG.debug("Session {} failed: {}", name, error.getMessage());
        finished = true;
        if (setupSeen) {
            deliver(new LiveEvent.Closed(closeCode, error.reason(), error));
        } else {
            failSetup(error);
        }
        closeConnection(closeCode, closeReason);
    }

    private void finish(int code, String reason) {
        if (!setupSeen) {
            failSetup(failure != null ? failure
                    : new ConnectionLostException("Live API closed the connection (" + code + ") before "
                            + "setupComplete (session " + name + ")", code, reason, null));
        }
        if (!finished) {
            finished = true;
            deliver(new LiveEvent.Closed(code, reason, failure));
        }
    }

    private void failSetup(LiveSessionException error) {
        completeSetup(() -> setupDone.completeExceptionally(error));
    }

    /** Off this thread, which may be an I/O thread: code chained to the connect future must not run there. */
    private void completeSetup(Runnable completion) {
        try {
            completions.execute(completion);
        } catch (RejectedExecutionException e) { // the client is closing: better here than never
            completion.run();
        }
    }

    private void deliver(LiveEvent event) {
        delivery.offer(event);
    }

    // ---- sending ----

    @Override
    public CompletableFuture<Void> sendText(String text) {
        return send(() -> EncodedFrame.text(rules, text).utf8());
    }

    @Override
    public CompletableFuture<Void> sendRealtimeText(String text) {
        return send(() -> EncodedFrame.realtimeText(text).utf8());
    }

    @Override
    public CompletableFuture<Void> sendAudio(byte[] pcm, int offset, int length, String mimeType) {
        return send(() -> EncodedFrame.audio(pcm, offset, length, mimeType).utf8());
    }

    @Override
    public CompletableFuture<Void> sendVideo(byte[] frame, String mimeType) {
        return send(() -> EncodedFrame.video(frame, mimeType).utf8());
    }

    @Override
    public CompletableFuture<Void> sendClientContent(List<Content> turns, boolean turnComplete) {
        return send(() -> EncodedFrame.clientContent(turns, turnComplete).utf8());
    }

    @Override
    public CompletableFuture<Void> sendToolResponse(List<FunctionResponse> responses) {
        return send(() -> EncodedFrame.toolResponse(responses).utf8());
    }

    @Override
    public CompletableFuture<Void> sendActivityStart() {
        return send(() -> EncodedFrame.activityStart().utf8());
    }

    @Override
    public CompletableFuture<Void> sendActivityEnd() {
        return send(() -> EncodedFrame.activityEnd().utf8());
    }

    @Override
    public CompletableFuture<Void> sendAudioStreamEnd() {
        return send(() -> EncodedFrame.audioStreamEnd().utf8());
    }

    @Override
    public CompletableFuture<Void> send(ClientMessage message) {
        return send(() -> EncodedFrame.message(message).utf8());
    }

    /** Writes an already validated and encoded frame (a resilient session's path). */
    public CompletableFuture<Void> sendFrame(EncodedFrame frame) {
        return send(frame::utf8);
    }

    /** Sends a WebSocket ping; {@code onPong} of the constructor hears the answer. */
    public CompletableFuture<Void> sendPing() {
        WebSocketConnection c = connection;
        return c == null || state.get() != State.OPEN
                ? CompletableFuture.failedFuture(closedError())
                : c.sendPing();
    }

    @Override
    public void onPong() {
        // in wire order with the messages around it: a resilient session decides what a handle covers by
        // whether the pong came before the handle, so the pong must not overtake a message still being delivered
        events.executeHere(() -> delivery.runInOrder(onPong));
    }

    /** Drops the connection without a close handshake (a half-open connection will not answer one). */
    public void abort() {
        WebSocketConnection c = connection;
        if (c != null) {
            c.abort();
        }
    }

    /** Validates and encodes on the caller's thread, then queues the frame; failures come back in the future. */
    private CompletableFuture<Void> send(Supplier<byte[]> encode) {
        byte[] utf8;
        try {
            utf8 = encode.get();
        } catch (RuntimeException e) {
            return CompletableFuture.failedFuture(e);
        }
        if (state.get() != State.OPEN) {
            return CompletableFuture.failedFuture(closedError());
        }
        return connection.sendText(utf8).exceptionallyCompose(e -> {
            Throwable cause = Failures.unwrap(e);
            if (cause instanceof SendRefusedException) { // the connection is fine: only this send is refused
                counters.refusedSends.incrementAndGet();
                return CompletableFuture.failedFuture(cause);
            }
            return CompletableFuture.failedFuture(state.get() == State.OPEN
                    ? new ConnectionLostException("Could not write to the Live API (session " + name + "): "
                            + cause.getMessage(), 0, null, cause)
                    : closedError());
        });
    }

    private SessionClosedException closedError() {
        LiveSessionException why = failure;
        return new SessionClosedException("Cannot send: Live API session " + name + " is closed"
                + (why == null ? "" : " (" + why.getMessage() + ")"), why);
    }

    // ---- state ----

    @Override
    public String sessionId() {
        return sessionId;
    }

    @Override
    public ResilienceMetrics metrics() {
        long connections = setupDone.isDone() && !setupDone.isCompletedExceptionally() ? 1 : 0;
        return new ResilienceMetrics(connections, 0, 0, 0, 0, 0, counters.droppedEvents.get(), Duration.ZERO,
                Duration.ZERO, counters.refusedSends.get(), counters.droppedEventBytes.get(),
                counters.malformedMessages.get(), 0, 0);
    }

    @Override
    public Optional<String> resumptionHandle() {
        return Optional.ofNullable(resumptionHandle);
    }

    @Override
    public boolean isOpen() {
        WebSocketConnection c = connection;
        return state.get() == State.OPEN && c != null && c.isOpen();
    }

    @Override
    public CompletableFuture<Void> closeAsync() {
        if (state.compareAndSet(State.OPEN, State.CLOSING) || state.compareAndSet(State.CONNECTING, State.CLOSING)) {
            closeConnection(NORMAL, "");
        }
        return closed.copy();
    }

    /** Sends the close frame behind any queued frames; drops the socket if the peer does not answer in time. */
    private void closeConnection(int code, String reason) {
        WebSocketConnection c = connection;
        if (c == null) {
            return;
        }
        state.updateAndGet(s -> s == State.CLOSED ? s : State.CLOSING);
        c.close(code, reason);
        later(CLOSE_GRACE, () -> {
            if (!closed.isDone()) {
                c.abort();
            }
        });
    }

    /**
     * Runs {@code task} after {@code delay} on the client's pool. (Without an executor the JDK would run it on the
     * common pool, which on two cores means a new thread per task: one per session opened or closed.)
     */
    private void later(Duration delay, Runnable task) {
        CompletableFuture.delayedExecutor(delay.toMillis(), TimeUnit.MILLISECONDS, completions).execute(task);
    }

    @Override
    public String toString() {
        return "LiveSession[" + name + ", sessionId=" + sessionId + ", state=" + state.get() + "]";
    }
}
