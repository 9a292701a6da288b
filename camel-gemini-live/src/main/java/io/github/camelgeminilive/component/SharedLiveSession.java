package io.github.camelgeminilive.component;

import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.BiFunction;

import io.github.camelgeminilive.session.LiveEvent;
import io.github.camelgeminilive.session.LiveSession;
import io.github.camelgeminilive.session.LiveSessionException;
import io.github.camelgeminilive.session.LiveSessionListener;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One live session shared by the producers and consumers that use its key. Connects on first use and fans the
 * session's events out to the consumers and to the {@link TurnReplies} of InOut exchanges. When the service ends the
 * connection (after goAway, 1011, a lost connection) and reconnecting is allowed, the next use connects again with
 * the newest resumption handle, at once if consumers are listening; a close by the client, a refused request (1007)
 * or refused credentials (1008) end it for good, and later sends fail with that reason.
 */
final class SharedLiveSession {

    private static final Logger LOG = LoggerFactory.getLogger(SharedLiveSession.class);

    private final String key;
    private final BiFunction<String, LiveSessionListener, CompletableFuture<LiveSession>> connector;
    private final boolean reconnect;
    private final List<LiveSessionListener> listeners = new CopyOnWriteArrayList<>();
    private final TurnReplies replies;
    private CompletableFuture<LiveSession> session;
    private volatile LiveEvent.Closed closed;
    private volatile String sessionId;
    private String resumeFrom;

    /**
     * @param connector connects with a resumption handle (null for a new session) and a listener
     * @param reconnect whether a connection the service ended is replaced on the next use
     */
    SharedLiveSession(String key, BiFunction<String, LiveSessionListener, CompletableFuture<LiveSession>> connector,
                      boolean reconnect, TurnReplies replies) {
        this.key = key;
        this.connector = connector;
        this.reconnect = reconnect;
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
        if (session == null || reconnect && failedTransiently(session)) {
            LOG.debug("Opening gemini-live session '{}'{}", key, resumeFrom == null ? "" : " (resuming)");
            try {
                session = connector.apply(resumeFrom, this::dispatch);
            } catch (RuntimeException e) { // e.g. an unreadable trust store: fail the sends, not the caller's thread
                session = CompletableFuture.failedFuture(e);
            }
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

    void addListener(LiveSessionListener listener) {
        listeners.add(listener);
    }

    void removeListener(LiveSessionListener listener) {
        listeners.remove(listener);
    }

    /** Closes the connection, if one was opened; later sends fail. */
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

    private void dispatch(LiveEvent event) {
        if (event instanceof LiveEvent.SetupCompleted setup) {
            sessionId = setup.sessionId();
        }
        boolean reopen = event instanceof LiveEvent.Closed c && ended(c);
        replies.onEvent(event);
        for (LiveSessionListener l : listeners) {
            l.onEvent(event);
        }
        if (reopen && !listeners.isEmpty()) {
            session().whenComplete((s, e) -> {
                if (e != null) {
                    LOG.warn("Cannot reconnect gemini-live session '{}': {}", key, e.getMessage());
                }
            });
        }
    }

    /** Records the end of a connection; true when the next use should connect again. */
    private synchronized boolean ended(LiveEvent.Closed c) {
        LOG.debug("gemini-live session '{}' connection closed: {} {}", key, c.code(), c.reason());
        if (closed != null) {
            return false;
        }
        if (!reconnect || refused(c.code())) {
            closed = c;
            return false;
        }
        if (session != null && session.isDone() && !session.isCompletedExceptionally()) {
            resumeFrom = session.join().resumptionHandle().orElse(resumeFrom);
        }
        session = null;
        return true;
    }

    /** A connect that failed for a reason that may pass (lost connection, 1011), not a refusal or bad settings. */
    private static boolean failedTransiently(CompletableFuture<LiveSession> connect) {
        if (!connect.isCompletedExceptionally()) {
            return false;
        }
        Throwable cause = connect.handle((s, e) -> e instanceof CompletionException ? e.getCause() : e).join();
        return cause instanceof LiveSessionException e && e.closeCode() != 0 && !refused(e.closeCode())
               || cause instanceof LiveSessionException.ConnectionLostException;
    }

    /** 1007 (invalid request) and 1008 (credentials, permission) would be refused again. */
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
