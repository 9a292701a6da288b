package io.github.camelgeminilive.component;

import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Function;

import io.github.camelgeminilive.session.LiveEvent;
import io.github.camelgeminilive.session.LiveSession;
import io.github.camelgeminilive.session.LiveSessionException;
import io.github.camelgeminilive.session.LiveSessionListener;
import io.github.camelgeminilive.session.ResilienceMetrics;
import io.github.camelgeminilive.session.ResilientSession;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One live session shared by the producers and consumers that use its key. Connects on first use and fans the
 * session's events out to the consumers and to the {@link TurnReplies} of InOut exchanges. Surviving go-aways and
 * drops is the client's job ({@link ResilientSession}); here, a {@code closed} event is always final: later sends
 * fail with its reason. A first connect that failed for a passing reason is tried again on the next use; a refusal
 * (1007, 1008) is final at once, so it costs exactly one connection attempt.
 */
final class SharedLiveSession {

    private static final Logger LOG = LoggerFactory.getLogger(SharedLiveSession.class);

    private final String key;
    private final Function<LiveSessionListener, CompletableFuture<LiveSession>> connector;
    private final Runnable forgetHandle;
    private final List<LiveSessionListener> listeners = new CopyOnWriteArrayList<>();
    private final TurnReplies replies;
    private CompletableFuture<LiveSession> session;
    private volatile LiveEvent.Closed closed;
    private volatile String sessionId;

    /**
     * @param connector    opens the session (resilient or plain) with a listener
     * @param forgetHandle drops the stored resumption handle of this key (the route ended the conversation)
     */
    SharedLiveSession(String key, Function<LiveSessionListener, CompletableFuture<LiveSession>> connector,
                      Runnable forgetHandle, TurnReplies replies) {
        this.key = key;
        this.connector = connector;
        this.forgetHandle = forgetHandle;
        this.replies = replies;
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
        if (session == null || session.isCompletedExceptionally()) {
            LOG.debug("Opening gemini-live session '{}'", key);
            CompletableFuture<LiveSession> connecting;
            try {
                connecting = connector.apply(this::dispatch);
            } catch (RuntimeException e) { // e.g. an unreadable trust store: fail the sends, not the caller's thread
                connecting = CompletableFuture.failedFuture(e);
            }
            // the refusal is recorded before anyone waiting on the session learns of it
            CompletableFuture<LiveSession> opened = new CompletableFuture<>();
            connecting.whenComplete((s, e) -> {
                if (e == null) {
                    opened.complete(s);
                } else {
                    Throwable cause = unwrap(e);
                    connectFailed(cause);
                    opened.completeExceptionally(cause);
                }
            });
            session = opened;
        }
        return session;
    }

    /** The service's session id from {@code setupComplete}, or null before it (or when the service sent none). */
    String sessionId() {
        return sessionId;
    }

    TurnReplies replies() {
        return replies;
    }

    /** What the session went through, or null when it is plain ({@code resilient=false}) or not open yet. */
    ResilienceMetrics metrics() {
        CompletableFuture<LiveSession> s;
        synchronized (this) {
            s = session;
        }
        return s != null && s.isDone() && !s.isCompletedExceptionally() && s.join() instanceof ResilientSession r
                ? r.metrics()
                : null;
    }

    void addListener(LiveSessionListener listener) {
        listeners.add(listener);
    }

    void removeListener(LiveSessionListener listener) {
        listeners.remove(listener);
    }

    /** Closes the connection, if one was opened; later sends fail. The stored handle stays for a later resume. */
    synchronized CompletableFuture<Void> close() {
        if (closed == null) {
            closed = new LiveEvent.Closed(1000, "closed by the client", null);
        }
        if (session == null) {
            return CompletableFuture.completedFuture(null);
        }
        return session.handle((s, e) -> s).thenCompose(s -> s == null || !s.isOpen()
                ? CompletableFuture.completedFuture(null)
                : s.closeAsync());
    }

    /** The route ended the conversation ({@code close} operation): close and forget its resumption handle. */
    CompletableFuture<Void> end() {
        return close().whenComplete((v, e) -> forgetHandle.run());
    }

    private void dispatch(LiveEvent event) {
        if (event instanceof LiveEvent.SetupCompleted setup) {
            sessionId = setup.sessionId();
        } else if (event instanceof LiveEvent.Closed c) {
            ended(c);
        }
        replies.onEvent(event);
        for (LiveSessionListener l : listeners) {
            l.onEvent(event);
        }
    }

    private synchronized void ended(LiveEvent.Closed c) {
        LOG.debug("gemini-live session '{}' ended: {} {}", key, c.code(), c.reason());
        if (closed == null) {
            closed = c;
        }
    }

    /** True once the session has ended for good (closed, or its connect refused): opening it again is pointless. */
    synchronized boolean isEnded() {
        return closed != null;
    }

    /** A refused connect (1007 invalid request, 1008 credentials) would be refused again: final at once. */
    private synchronized void connectFailed(Throwable cause) {
        if (closed == null && cause instanceof LiveSessionException e && refused(e.closeCode())) {
            closed = new LiveEvent.Closed(e.closeCode(), e.reason(), e);
        }
    }

    private static Throwable unwrap(Throwable e) {
        return e instanceof CompletionException && e.getCause() != null ? e.getCause() : e;
    }

    private static boolean refused(int closeCode) {
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
