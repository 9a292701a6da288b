package io.github.camelgeminilive.session.connection;

import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;
import java.util.function.ObjLongConsumer;

import io.github.camelgeminilive.protocol.ClientMessage;
import io.github.camelgeminilive.protocol.Content;
import io.github.camelgeminilive.protocol.FunctionResponse;
import io.github.camelgeminilive.protocol.LiveJson;
import io.github.camelgeminilive.protocol.Setup;
import io.github.camelgeminilive.session.LiveEvent;
import io.github.camelgeminilive.session.LiveSession;
import io.github.camelgeminilive.session.LiveSessionException;
import io.github.camelgeminilive.session.LiveSessionException.ConnectionLostException;
import io.github.camelgeminilive.session.LiveSessionListener;
import io.github.camelgeminilive.session.ResilienceMetrics;
import io.github.camelgeminilive.session.SessionOptions;
import io.github.camelgeminilive.session.delivery.SessionCounters;
import io.github.camelgeminilive.transport.WebSocketConnection;
import io.github.camelgeminilive.transport.WebSocketHandler;

/**
 * One Live API session over one connection: its states (connecting, open, closing, closed), the {@code setup}
 * handshake and its timeout, and the close with its grace. Received frames go to the {@link FrameReceiver}, which
 * parses them in order and hands their events on (before {@code setupComplete} the listener sees nothing: a failed
 * setup only fails the connect future); sends go through the {@link FrameSender}. After {@code setupComplete} a
 * message that fails to parse is skipped, counted and reported as {@link LiveEvent.MalformedMessage};
 * {@value #MAX_CONSECUTIVE_MALFORMED} in a row end the session (1007).
 */
public final class PlainLiveSession implements LiveSession, WebSocketHandler {

    private static final AtomicLong COUNTER = new AtomicLong();
    /** How long a close handshake or a failing connection may take before the socket is dropped. */
    private static final Duration CLOSE_GRACE = Duration.ofSeconds(5);
    private static final int NORMAL = 1000;
    /** Malformed messages in a row that end the session: a service sending only garbage is not worth waiting on. */
    public static final int MAX_CONSECUTIVE_MALFORMED = 100;

    private enum State { CONNECTING, OPEN, CLOSING, CLOSED }

    private final String name = "live-" + COUNTER.incrementAndGet();
    private final SessionOptions options;
    private final FrameReceiver receiver;
    private final FrameSender sender;
    private final Executor completions;
    private final Runnable onPong;
    private final SessionCounters counters;
    private final CompletableFuture<LiveSession> setupDone = new CompletableFuture<>();
    private final CompletableFuture<Void> closed = new CompletableFuture<>();
    private final CompletableFuture<Void> ended = new CompletableFuture<>();

    private final AtomicReference<State> state = new AtomicReference<>(State.CONNECTING);
    private volatile WebSocketConnection connection;
    private volatile String sessionId;
    /** Why the session ended; the first error wins. */
    private volatile LiveSessionException failure;

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
        this.options = options;
        this.completions = pool;
        this.onPong = onPong;
        this.counters = counters;
        this.receiver = new FrameReceiver(this, name, pool, options, counters, listener, engine, onHandle);
        this.sender = new FrameSender(name, counters, this::openConnection, () -> failure);
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

    // ---- connecting ----

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
                receiver.setupTimedOut(options.setupTimeout());
            }
        });
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

    /** {@code setupComplete} arrived (from the receiver, before its event is handed on). */
    void setupCompleted(String sessionId) {
        this.sessionId = sessionId;
        state.compareAndSet(State.CONNECTING, State.OPEN);
        completeSetup(() -> setupDone.complete(this));
    }

    /** The setup failed (from the receiver): the connect future fails with {@code error}. */
    void setupFailed(LiveSessionException error) {
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

    // ---- receiving ----

    @Override
    public void onText(String text) {
        receiver.received(text.length(), () -> LiveJson.get().readServer(text));
    }

    @Override
    public void onBinary(byte[] data) {
        receiver.received(data.length, () -> LiveJson.get().readServer(data));
    }

    @Override
    public void onPong() {
        // in wire order with the messages around it: a resilient session decides what a handle covers by
        // whether the pong came before the handle, so the pong must not overtake a message still being delivered
        receiver.runInOrder(onPong);
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
        receiver.closed(code, reason, () -> ended.complete(null));
    }

    /** The session failed with {@code error}, unless an error came first. */
    void failed(LiveSessionException error) {
        if (failure == null) {
            failure = error;
        }
    }

    /** Why the session ended, or null while it is open or after a normal close. */
    LiveSessionException failure() {
        return failure;
    }

    // ---- sending ----

    @Override
    public CompletableFuture<Void> sendText(String text) {
        return sender.send(() -> EncodedFrame.text(options.rules(), text));
    }

    @Override
    public CompletableFuture<Void> sendRealtimeText(String text) {
        return sender.send(() -> EncodedFrame.realtimeText(text));
    }

    @Override
    public CompletableFuture<Void> sendAudio(byte[] pcm, int offset, int length, String mimeType) {
        return sender.send(() -> EncodedFrame.audio(pcm, offset, length, mimeType));
    }

    @Override
    public CompletableFuture<Void> sendVideo(byte[] frame, String mimeType) {
        return sender.send(() -> EncodedFrame.video(frame, mimeType));
    }

    @Override
    public CompletableFuture<Void> sendClientContent(List<Content> turns, boolean turnComplete) {
        return sender.send(() -> EncodedFrame.clientContent(turns, turnComplete));
    }

    @Override
    public CompletableFuture<Void> sendToolResponse(List<FunctionResponse> responses) {
        return sender.send(() -> EncodedFrame.toolResponse(responses));
    }

    @Override
    public CompletableFuture<Void> sendActivityStart() {
        return sender.send(EncodedFrame::activityStart);
    }

    @Override
    public CompletableFuture<Void> sendActivityEnd() {
        return sender.send(EncodedFrame::activityEnd);
    }

    @Override
    public CompletableFuture<Void> sendAudioStreamEnd() {
        return sender.send(EncodedFrame::audioStreamEnd);
    }

    @Override
    public CompletableFuture<Void> send(ClientMessage message) {
        return sender.send(() -> EncodedFrame.message(message));
    }

    /**
     * Writes an already validated and encoded frame (a resilient session's path, which completes its own future):
     * {@code done} is told once how the write ended (null: written), possibly before this returns.
     */
    public void sendFrame(EncodedFrame frame, Consumer<Throwable> done) {
        sender.write(frame, done);
    }

    /** Sends a WebSocket ping; {@code onPong} of the constructor hears the answer. */
    public CompletableFuture<Void> sendPing() {
        return sender.ping();
    }

    /** The connection while the session is open, else null. */
    private WebSocketConnection openConnection() {
        return state.get() == State.OPEN ? connection : null;
    }

    // ---- state and closing ----

    @Override
    public String sessionId() {
        return sessionId;
    }

    @Override
    public ResilienceMetrics metrics() {
        long connections = setupDone.isDone() && !setupDone.isCompletedExceptionally() ? 1 : 0;
        return new ResilienceMetrics(connections, 0, 0, 0, 0, 0, counters.droppedEvents.get(), Duration.ZERO,
                Duration.ZERO, counters.refusedSends.get(), counters.droppedEventBytes.get(),
                counters.malformedMessages.get(), 0, 0, counters.framesSent.get(), counters.bytesSent.get(),
                Duration.ofNanos(counters.audioSentNanos.get()), counters.framesReceived.get(),
                counters.bytesReceived.get(), counters.failedWrites.get(), Duration.ZERO);
    }

    @Override
    public Optional<String> resumptionHandle() {
        return Optional.ofNullable(receiver.resumptionHandle());
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

    /** Drops the connection without a close handshake (a half-open connection will not answer one). */
    public void abort() {
        WebSocketConnection c = connection;
        if (c != null) {
            c.abort();
        }
    }

    /** Sends the close frame behind any queued frames; drops the socket if the peer does not answer in time. */
    void closeConnection(int code, String reason) {
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
