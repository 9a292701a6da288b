package io.github.camelgeminilive.component;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.function.Function;

import io.github.camelgeminilive.session.LiveSessionException;

/**
 * The live sessions of one endpoint by key: its own (the path's key) and one per {@code CamelGeminiLiveSessionKey}.
 * A session is made on the first use of its key, at most {@code maxSessions} at a time, and stays until the endpoint
 * forgets it (close operation, idle) or closes them all (its routes stopped). Looking a key up takes no lock: every
 * send does it; only making a session does.
 */
final class SharedSessions {

    private final ConcurrentMap<String, SharedLiveSession> sessions = new ConcurrentHashMap<>();
    private final Function<String, SharedLiveSession> factory;
    private final int maxSessions;
    private final String endpointName;
    private long opened;
    private long refused;

    /**
     * @param factory      makes the session of a new key (it does not connect yet)
     * @param maxSessions  most sessions at a time; 0 = no bound
     * @param endpointName names the endpoint in the refusal beyond {@code maxSessions}
     */
    SharedSessions(Function<String, SharedLiveSession> factory, int maxSessions, String endpointName) {
        this.factory = factory;
        this.maxSessions = maxSessions;
        this.endpointName = endpointName;
    }

    /**
     * The session of {@code key}, made if there is none.
     *
     * @throws LiveSessionException when {@code maxSessions} sessions are open already
     */
    SharedLiveSession acquire(String key) {
        SharedLiveSession s = sessions.get(key);
        return s != null ? s : create(key);
    }

    private synchronized SharedLiveSession create(String key) {
        SharedLiveSession s = sessions.get(key);
        if (s != null) {
            return s;
        }
        if (maxSessions > 0 && sessions.size() >= maxSessions) {
            refused++;
            throw new LiveSessionException("Cannot open gemini-live session '" + key + "': endpoint " + endpointName
                    + " already holds " + sessions.size() + " sessions (maxSessions=" + maxSessions + "); end one"
                    + " with the close operation, let idleTimeout close idle ones, or raise maxSessions", 0, null,
                    null);
        }
        s = factory.apply(key);
        sessions.put(key, s);
        opened++;
        return s;
    }

    /** The session of {@code key}, or null; makes none. */
    SharedLiveSession get(String key) {
        return sessions.get(key);
    }

    /** Forgets {@code session}, so that its key makes a new one next time; false if it was no longer held. */
    boolean forget(SharedLiveSession session) {
        return sessions.remove(session.key(), session);
    }

    /** The sessions held now: a live view, for sweeps that tolerate concurrent changes. */
    Collection<SharedLiveSession> all() {
        return sessions.values();
    }

    /** The keys held now, sorted. */
    List<String> keys() {
        List<String> keys = new ArrayList<>(sessions.keySet());
        keys.sort(null);
        return keys;
    }

    /** Closes and forgets every session (their stored handles stay); completes when every close handshake is done. */
    CompletableFuture<Void> closeAll(String reason) {
        List<SharedLiveSession> held;
        synchronized (this) {
            held = new ArrayList<>(sessions.values());
            sessions.clear();
        }
        return CompletableFuture.allOf(held.stream().map(s -> s.close(reason)).toArray(CompletableFuture[]::new));
    }

    int size() {
        return sessions.size();
    }

    /** Sessions made so far. */
    synchronized long opened() {
        return opened;
    }

    /** Sessions refused by {@code maxSessions} so far. */
    synchronized long refused() {
        return refused;
    }
}
