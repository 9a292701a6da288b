package io.github.camelgeminilive.component;

import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Function;

import io.github.camelgeminilive.session.LiveEvent;
import io.github.camelgeminilive.session.LiveSession;
import io.github.camelgeminilive.session.LiveSessionException;
import io.github.camelgeminilive.session.LiveSessionListener;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One live session shared by the producers and consumers that use its key. Connects on first use, fans the
 * session's events out to the consumers and to the {@link TurnReplies} of InOut exchanges, and remembers how it
 * ended so later sends fail with that reason.
 */
final class SharedLiveSession {

    private static final Logger LOG = LoggerFactory.getLogger(SharedLiveSession.class);

    private final String key;
    private final Function<LiveSessionListener, CompletableFuture<LiveSession>> connector;
    private final List<LiveSessionListener> listeners = new CopyOnWriteArrayList<>();
    private final TurnReplies replies;
    private CompletableFuture<LiveSession> session;
    private volatile LiveEvent.Closed closed;
    private volatile String sessionId;

    SharedLiveSession(String key, Function<LiveSessionListener, CompletableFuture<LiveSession>> connector,
                      TurnReplies replies) {
        this.key = key;
        this.connector = connector;
        this.replies = replies;
    }

    String key() {
        return key;
    }

    /** The open session, connecting on first call; fails once the session has closed. */
    synchronized CompletableFuture<LiveSession> session() {
        LiveEvent.Closed end = closed;
        if (end != null) {
            return CompletableFuture.failedFuture(closedError(end));
        }
        if (session == null) {
            LOG.debug("Opening gemini-live session '{}'", key);
            try {
                session = connector.apply(this::dispatch);
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
        if (event instanceof LiveEvent.Closed c) {
            synchronized (this) {
                if (closed == null) {
                    closed = c;
                }
            }
            LOG.debug("gemini-live session '{}' closed: {} {}", key, c.code(), c.reason());
        }
        replies.onEvent(event);
        for (LiveSessionListener l : listeners) {
            l.onEvent(event);
        }
    }

    private LiveSessionException closedError(LiveEvent.Closed end) {
        if (end.error() != null) {
            return end.error();
        }
        return new LiveSessionException.SessionClosedException("The gemini-live session '" + key
                                                               + "' is closed (code " + end.code() + ": " + end.reason()
                                                               + "); restart the route to open a new one");
    }
}
