package io.github.camelgeminilive.component;

import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Function;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The component's live sessions by key, reference counted: producers and consumers with the same key share one
 * session, which is closed when its last user releases it.
 */
final class SharedSessions {

    private static final Logger LOG = LoggerFactory.getLogger(SharedSessions.class);

    private final Map<String, Entry> sessions = new HashMap<>();

    /** The session for {@code key}, created with {@code factory} if none is open; call {@link #release} later. */
    synchronized SharedLiveSession acquire(String key, Function<String, SharedLiveSession> factory) {
        Entry e = sessions.computeIfAbsent(key, k -> new Entry(factory.apply(k)));
        e.users++;
        return e.session;
    }

    /** The open session for {@code key}, or null; for monitoring only (no use is counted). */
    synchronized SharedLiveSession get(String key) {
        Entry e = sessions.get(key);
        return e == null ? null : e.session;
    }

    /** Drops one use of {@code session}; the last use closes it. */
    void release(SharedLiveSession session) {
        boolean last;
        synchronized (this) {
            Entry e = sessions.get(session.key());
            if (e == null || e.session != session) {
                return;
            }
            last = --e.users == 0;
            if (last) {
                sessions.remove(session.key());
            }
        }
        if (last) {
            session.close();
        }
    }

    /** Closes every session (component stop), waiting up to {@code timeout} for the close handshakes. */
    void closeAll(Duration timeout) {
        Map<String, Entry> copy;
        synchronized (this) {
            copy = new HashMap<>(sessions);
            sessions.clear();
        }
        CompletableFuture<?>[] closing = copy.values().stream().map(e -> e.session.close())
                .toArray(CompletableFuture[]::new);
        try {
            CompletableFuture.allOf(closing).get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (ExecutionException | TimeoutException e) {
            LOG.debug("Not every gemini-live session closed cleanly: {}", e.getMessage());
        }
    }

    synchronized int size() {
        return sessions.size();
    }

    private static final class Entry {
        final SharedLiveSession session;
        int users;

        Entry(SharedLiveSession session) {
            this.session = session;
        }
    }
}
