package io.github.camelgeminilive.component;

import java.io.IOException;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.github.camelgeminilive.session.LiveEvent;
import io.github.camelgeminilive.session.LiveSession;
import io.github.camelgeminilive.session.LiveSessionException;
import io.github.camelgeminilive.session.LiveSessionListener;
import io.github.camelgeminilive.session.ResilienceMetrics;
import io.github.camelgeminilive.session.ResilientSession;

/**
 * One live session of an endpoint, shared by the endpoint's producers and consumers that use its key. Connects on first use and fans the
 * session's events out to the consumers and to the {@link TurnReplies} of InOut exchanges. Surviving go-aways and
 * drops is the client's job ({@link ResilientSession}); here, a {@code closed} event is always final: later sends
 * fail with its reason. A first connect that failed for a passing reason is tried again on the next use; a refusal
 * (1007, 1008) is final at once, so it costs exactly one connection attempt.
 * <p>
 * Every send goes through {@link #send}, the one ordered entry point: registering an InOut reply waiter and handing
 * the message to the session are one step under this object's lock, so messages reach the wire, and waiters the
 * {@link TurnReplies} queue, in call order. The session's send methods queue their frame synchronously; while the
 * session connects, messages wait in a bounded FIFO ({@value #MAX_PENDING_SENDS} messages,
 * {@value #MAX_PENDING_BYTES} bytes) that the connect drains in order, before any later send.
 */
final class SharedLiveSession {

    /** Most messages that may wait for the connect; more are refused (their exchange fails). */
    static final int MAX_PENDING_SENDS = 1000;
    /** Most payload bytes that may wait for the connect; a larger single message is taken when nothing waits. */
    static final long MAX_PENDING_BYTES = 8L * 1024 * 1024;

    private static final Logger LOG = LoggerFactory.getLogger(SharedLiveSession.class);

    private final String key;
    private final Function<LiveSessionListener, CompletableFuture<LiveSession>> connector;
    private final Runnable forgetHandle;
    private final List<LiveSessionListener> listeners = new CopyOnWriteArrayList<>();
    private final TurnReplies replies;
    private final SessionWatch watch;
    private final Function<Outgoing, CompletableFuture<Void>> handOne = m -> hand(m, false).written();
    private final Deque<Pending> pending = new ArrayDeque<>();
    private long pendingBytes;
    /** Written under this object's lock; read without it (the meters' sums take no lock of a session). */
    private volatile long refusedSends;
    /** Completes once connected and the waiting messages are handed over; null before a connect, after a failed one. */
    private CompletableFuture<LiveSession> session;
    /** The session once it takes sends directly (the waiting ones handed over); written under this object's lock. */
    private volatile LiveSession open;
    private volatile LiveEvent.Closed closed;
    /** Completes when the session ends for good: closed, or its connect refused. */
    private final CompletableFuture<Void> ended = new CompletableFuture<>();
    private volatile String sessionId;
    /** {@link System#nanoTime()} of the last send, event or end of work: what idleTimeout measures. */
    private volatile long lastActive = System.nanoTime();
    /** Work under way (a connect, InOut replies awaited, tool calls running): the session is not idle meanwhile. */
    private final AtomicInteger working = new AtomicInteger();

    /** A message waiting for the connect, with the future its sender holds. */
    private record Pending(Outgoing message, long bytes, CompletableFuture<Void> done) {
    }

    /**
     * What {@link #send} did.
     *
     * @param written completes when every message is written; fails with the first failure
     * @param reply   the reply turn an InOut exchange waits for (fails when a message fails), or null
     */
    record Sent(CompletableFuture<Void> written, CompletableFuture<TurnReply> reply) {
    }

    /**
     * @param connector    opens the session (resilient or plain) with a listener
     * @param forgetHandle drops the stored resumption handle of this key (the route ended the conversation)
     * @param observer     hears connects, failures and latencies for the endpoint's health check and meters
     */
    SharedLiveSession(String key, Function<LiveSessionListener, CompletableFuture<LiveSession>> connector,
            Runnable forgetHandle, TurnReplies replies, SessionObserver observer) {
        this.key = key;
        this.connector = connector;
        this.forgetHandle = forgetHandle;
        this.replies = replies;
        this.watch = new SessionWatch(observer, this::metrics);
    }

    String key() {
        return key;
    }

    /** The open session, connecting when there is none; fails once the session has ended for good. */
    synchronized CompletableFuture<LiveSession> session() {
        LiveEvent.Closed end = closed;
        if (end != null) {
            return CompletableFuture.failedFuture(closedError(end));
        }
        return connect();
    }

    /**
     * Sends the messages of one exchange in order, connecting when needed; with {@code expectReply}, a reply waiter
     * is registered together with the first message. A stream source is read here, on the caller's thread, outside
     * the lock, at most {@value SendWindow#SIZE} messages ahead of the oldest one not yet written: this blocks the
     * caller while the session connects or the connection is slower than the stream. The first failure (of a read
     * or of any message) fails the result, and nothing after it is sent.
     */
    Sent send(Outgoing.Source messages, boolean expectReply) {
        Outgoing first;
        try {
            first = messages.next();
        } catch (IOException | RuntimeException e) {
            return new Sent(CompletableFuture.failedFuture(e), null);
        }
        Sent sent = hand(first, expectReply);
        CompletableFuture<Void> written = SendWindow.rest(sent.written(), messages, handOne);
        CompletableFuture<TurnReply> reply = sent.reply();
        if (reply != null) {
            written.whenComplete((v, e) -> {
                if (e != null) {
                    replies.cancel(reply);
                    reply.completeExceptionally(unwrap(e));
                }
            });
        }
        return written == sent.written() ? sent : new Sent(written, reply);
    }

    /** One message, in call order with every other send; the reply waiter, if any, is registered in the same step. */
    private synchronized Sent hand(Outgoing message, boolean expectReply) {
        lastActive = System.nanoTime();
        CompletableFuture<TurnReply> reply = expectReply ? replies.expect() : null;
        if (reply != null) {
            busyUntil(reply);
        }
        if (expectReply && reply == null) {
            refusedSends++;
            LiveSessionException full = new LiveSessionException("Cannot send: " + TurnReplies.MAX_WAITING
                    + " InOut exchanges already wait for a reply on gemini-live session '" + key + "'", 0, null, null);
            return new Sent(CompletableFuture.failedFuture(full), CompletableFuture.failedFuture(full));
        }
        watch.sent(message.kind());
        return new Sent(handOver(message), reply);
    }

    private CompletableFuture<Void> handOver(Outgoing message) {
        try {
            return handOverOrThrow(message);
        } catch (RuntimeException e) { // e.g. a body that cannot be measured: fails its own exchange only
            return CompletableFuture.failedFuture(e);
        }
    }

    private CompletableFuture<Void> handOverOrThrow(Outgoing message) {
        LiveEvent.Closed end = closed;
        if (end != null) {
            return CompletableFuture.failedFuture(closedError(end));
        }
        CompletableFuture<LiveSession> connecting = open == null ? connect() : null;
        if (open != null) { // also when the connect just completed on this thread
            return write(message, open);
        }
        if (connecting.isCompletedExceptionally()) { // the connector failed at once
            return connecting.thenAccept(s -> {});
        }
        long bytes = message.bytes().getAsLong();
        if (!pending.isEmpty() && (pending.size() >= MAX_PENDING_SENDS || pendingBytes + bytes > MAX_PENDING_BYTES)) {
            refusedSends++;
            return CompletableFuture.failedFuture(new LiveSessionException("Cannot send: " + pending.size()
                    + " messages (" + pendingBytes + " bytes) already wait for gemini-live session '" + key
                    + "' to connect; at most " + MAX_PENDING_SENDS + " messages and " + MAX_PENDING_BYTES
                    + " bytes may wait", 0, null, null));
        }
        Pending p = new Pending(message, bytes, new CompletableFuture<>());
        pending.addLast(p);
        pendingBytes += bytes;
        return p.done();
    }

    private static CompletableFuture<Void> write(Outgoing message, LiveSession s) {
        try {
            return message.send().apply(s);
        } catch (RuntimeException e) {
            return CompletableFuture.failedFuture(e);
        }
    }

    /** Starts a connect unless one is under way or done (lock held); returns it. */
    private CompletableFuture<LiveSession> connect() {
        if (session != null) {
            return session;
        }
        LOG.debug("Opening gemini-live session '{}'", key);
        CompletableFuture<LiveSession> connecting;
        try {
            connecting = connector.apply(this::dispatch);
        } catch (RuntimeException e) { // e.g. an unreadable trust store: fail the sends, not the caller's thread
            connecting = CompletableFuture.failedFuture(e);
        }
        CompletableFuture<LiveSession> opened = new CompletableFuture<>();
        session = opened;
        busyUntil(opened); // a slow connect is not idleness
        connecting.whenComplete((s, e) -> {
            if (e == null) {
                drain(s, opened);
            } else {
                connectFailed(unwrap(e), opened);
            }
        });
        return opened;
    }

    /**
     * Hands the waiting messages to the new session, oldest first, one per lock hold so senders are not stalled;
     * sends arriving meanwhile queue behind them. Then the session takes sends directly.
     */
    private void drain(LiveSession s, CompletableFuture<LiveSession> opened) {
        while (true) {
            synchronized (this) {
                Pending p = pending.pollFirst();
                if (p == null) {
                    open = s;
                    break;
                }
                pendingBytes -= p.bytes();
                write(p.message(), s).whenComplete((v, e) -> {
                    if (e == null) {
                        p.done().complete(null);
                    } else {
                        p.done().completeExceptionally(e);
                    }
                });
            }
        }
        watch.connected(s.metrics());
        opened.complete(s); // code chained to it runs outside the lock
    }

    /**
     * Fails every waiting message with the cause; the next send connects again, unless the connect was refused
     * (1007, 1008): that would be refused again, so it is final at once, recorded before anyone learns of it.
     */
    private void connectFailed(Throwable cause, CompletableFuture<LiveSession> opened) {
        List<Pending> failed;
        synchronized (this) {
            if (cause instanceof LiveSessionException e && refused(e.closeCode())) {
                markEnded(new LiveEvent.Closed(e.closeCode(), e.reason(), e));
            }
            failed = new ArrayList<>(pending);
            pending.clear();
            pendingBytes = 0;
            if (session == opened) {
                session = null;
            }
        }
        announceEnd();
        watch.connectFailed(cause);
        opened.completeExceptionally(cause);
        failed.forEach(p -> p.done().completeExceptionally(cause));
    }

    /** Sends refused because too many messages waited for the connect. */
    long refusedSends() {
        return refusedSends;
    }

    /** The service's session id from {@code setupComplete}, or null before it (or when the service sent none). */
    String sessionId() {
        return sessionId;
    }

    TurnReplies replies() {
        return replies;
    }

    /** What the session went through (plain or resilient), or null when it is not open yet. */
    ResilienceMetrics metrics() {
        LiveSession s = open;
        return s == null ? null : s.metrics();
    }

    /** What the session is doing now, for the health check and the dev console. */
    SessionView view() {
        LiveSession s;
        boolean connecting;
        synchronized (this) {
            s = open;
            connecting = session != null;
        }
        ResilienceMetrics m = s == null ? null : s.metrics();
        LiveEvent.Closed end = closed;
        return new SessionView(key, watch.state(end != null, connecting, m), watch.connectedAtMillis(),
                s != null && s.resumptionHandle().isPresent(), watch.failedAttemptsSinceConnect(m),
                end == null || end.error() == null ? null : end.error().getMessage(), m, refusedSends());
    }

    void addListener(LiveSessionListener listener) {
        listeners.add(listener);
    }

    void removeListener(LiveSessionListener listener) {
        listeners.remove(listener);
    }

    /**
     * Closes the connection, if one was opened, after the messages still waiting for the connect; later sends fail.
     * The {@code closed} event of a connection open until now carries {@code reason}. The stored handle stays for a
     * later resume.
     */
    CompletableFuture<Void> close(String reason) {
        CompletableFuture<LiveSession> connection;
        synchronized (this) {
            markEnded(new LiveEvent.Closed(1000, reason, null));
            connection = session;
        }
        announceEnd();
        if (connection == null) {
            return CompletableFuture.completedFuture(null);
        }
        return connection.handle((s, e) -> s).thenCompose(s -> s == null || !s.isOpen()
                ? CompletableFuture.completedFuture(null)
                : s.closeAsync());
    }

    /** The conversation is over ({@code close} operation, idle): close and forget its resumption handle. */
    CompletableFuture<Void> end(String reason) {
        return close(reason).whenComplete((v, e) -> forgetHandle.run());
    }

    /**
     * Nanoseconds from the last send, event or end of work to {@code now} ({@link System#nanoTime()}); 0 while work
     * is under way.
     */
    long idleNanos(long now) {
        return working.get() > 0 ? 0 : now - lastActive;
    }

    /**
     * Counts {@code work} (a connect, an InOut reply awaited, a tool call running) as activity until it completes, so
     * that idleTimeout does not close the session under it; each is bounded (connectTimeout, replyTimeout,
     * toolTimeout).
     */
    void busyUntil(CompletableFuture<?> work) {
        working.incrementAndGet();
        work.whenComplete((v, e) -> {
            lastActive = System.nanoTime();
            working.decrementAndGet();
        });
    }

    /** Completes when the session has ended for good: closed (by either side), or its connect refused. */
    CompletableFuture<Void> whenEnded() {
        return ended;
    }

    private void dispatch(LiveEvent event) {
        lastActive = System.nanoTime();
        watch.onEvent(event);
        LiveEvent delivered = event;
        if (event instanceof LiveEvent.SetupCompleted setup) {
            sessionId = setup.sessionId();
        } else if (event instanceof LiveEvent.Closed c) {
            delivered = ended(c);
            announceEnd();
        }
        replies.onEvent(delivered);
        for (LiveSessionListener l : listeners) {
            l.onEvent(delivered);
        }
    }

    /**
     * Records the end; returns the event to deliver: when this side closed the session and the connection then
     * closed normally, the reason it was closed for (close operation, idle, route stopped) rather than the peer's.
     */
    private synchronized LiveEvent.Closed ended(LiveEvent.Closed c) {
        LOG.debug("gemini-live session '{}' ended: {} {}", key, c.code(), c.reason());
        if (markEnded(c)) {
            return c;
        }
        return closed.error() == null && c.error() == null ? closed : c;
    }

    /** Records the end unless there is one already (lock held); returns whether this was it. */
    private boolean markEnded(LiveEvent.Closed c) {
        if (closed != null) {
            return false;
        }
        closed = c;
        return true;
    }

    /**
     * Completes {@link #whenEnded} once the end is recorded, never under this object's lock: what is chained to it
     * (the endpoint forgetting the session, adding its counts to the totals) takes other locks.
     */
    private void announceEnd() {
        if (closed != null) {
            ended.complete(null);
        }
    }

    /** True once the session has ended for good (closed, or its connect refused): opening it again is pointless. */
    synchronized boolean isEnded() {
        return closed != null;
    }

    static Throwable unwrap(Throwable e) {
        return e instanceof CompletionException && e.getCause() != null ? e.getCause() : e;
    }

    /** A refusal of the request (1007 invalid, 1008 policy): sending it again would be refused again. */
    static boolean refused(int closeCode) {
        return closeCode == 1007 || closeCode == 1008;
    }

    private LiveSessionException closedError(LiveEvent.Closed end) {
        if (end.error() != null) {
            return end.error();
        }
        return new LiveSessionException.SessionClosedException("The gemini-live session '" + key
                + "' is closed (code " + end.code() + ": " + end.reason()
                + ")");
    }
}
