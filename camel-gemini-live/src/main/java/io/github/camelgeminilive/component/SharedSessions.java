package io.github.camelgeminilive.component;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.Executor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReferenceFieldUpdater;
import java.util.function.Function;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.github.camelgeminilive.session.LiveSessionException;

/**
 * The live sessions of one endpoint by key, and their lifetime: the endpoint's own session (the path's key) and one
 * per {@code CamelGeminiLiveSessionKey}. A session is made on the first use of its key, at most {@code maxSessions}
 * at a time, and all of them close when the last producer or consumer of the endpoint stops. A keyed session also
 * ends with the close operation or after {@code idleTimeout} without activity, and is forgotten as soon as it ends
 * for any reason, so that its key's next send starts a new one. The endpoint's own session stays, closed once ended,
 * until the routes restart: it is what the routes were started with. Looking a key up takes no lock: every send does
 * it; only making a session does. The endpoint's own session is also kept in a field, as a send without a key
 * passes the endpoint's own key string: with hundreds of endpoints a map lookup misses the cache on every send.
 */
final class SharedSessions {

    private static final Logger LOG = LoggerFactory.getLogger(SharedSessions.class);
    private static final AtomicReferenceFieldUpdater<SharedSessions, SharedLiveSession> OWN =
            AtomicReferenceFieldUpdater.newUpdater(SharedSessions.class, SharedLiveSession.class, "own");

    private final ConcurrentMap<String, SharedLiveSession> sessions = new ConcurrentHashMap<>();
    private final Function<String, SharedLiveSession> factory;
    private final String ownKey;
    /** The session of {@link #ownKey} while the map holds it: set before it is put there, cleared before removal. */
    private volatile SharedLiveSession own;
    private final Limits limits;
    private final Executor sweeps;
    private final SessionTotals totals;
    private long opened;
    private long refused;
    /** Started producers and consumers of the endpoint; the sessions live while there is one. */
    private int users;
    /** Changes whenever the users come or go to none, so that an idle sweep of an earlier period stops. */
    private long usePeriod;

    /**
     * @param maxSessions  most sessions at a time; 0 = no bound
     * @param idleMillis   how long a keyed session may go without activity; 0 = for ever
     * @param endpointName names the endpoint in the refusal beyond {@code maxSessions}
     */
    record Limits(int maxSessions, long idleMillis, String endpointName) {
    }

    /**
     * @param factory makes the session of a new key (it does not connect yet)
     * @param ownKey  the endpoint's own key, whose session stays (closed) when ended
     * @param sweeps  runs the idle sweeps
     * @param totals  keeps the counts of each session as it is forgotten (they must outlive it)
     */
    SharedSessions(Function<String, SharedLiveSession> factory, String ownKey, Limits limits, Executor sweeps,
            SessionTotals totals) {
        this.factory = factory;
        this.ownKey = ownKey;
        this.limits = limits;
        this.sweeps = sweeps;
        this.totals = totals;
    }

    /**
     * The session of {@code key}, made if there is none.
     *
     * @throws LiveSessionException when {@code maxSessions} sessions are open already
     */
    SharedLiveSession acquire(String key) {
        SharedLiveSession o = own;
        if (o != null && key == ownKey) { // the endpoint's own string: an equal one takes the map's way
            return o;
        }
        SharedLiveSession s = sessions.get(key);
        return s != null ? s : create(key);
    }

    private synchronized SharedLiveSession create(String key) {
        SharedLiveSession s = sessions.get(key);
        if (s != null) {
            return s;
        }
        int max = limits.maxSessions();
        if (max > 0 && sessions.size() >= max) {
            refused++;
            throw new LiveSessionException("Cannot open gemini-live session '" + key + "': endpoint "
                    + limits.endpointName() + " already holds " + sessions.size() + " sessions (maxSessions=" + max
                    + "); end one with the close operation, let idleTimeout close idle ones, or raise maxSessions",
                    0, null, null);
        }
        s = factory.apply(key);
        boolean isOwn = key.equals(ownKey);
        if (isOwn) {
            own = s; // before the map: a concurrent forget that finds it there clears this too
        }
        sessions.put(key, s);
        opened++;
        if (!isOwn) {
            SharedLiveSession made = s;
            made.whenEnded().thenRun(() -> forget(made));
        }
        return s;
    }

    /** The session of {@code key}, or null; makes none. */
    SharedLiveSession get(String key) {
        return sessions.get(key);
    }

    /**
     * Ends the conversation of {@code key} ({@code close} operation): a session of another key than the endpoint's
     * own is forgotten, so the key may start a new one; the endpoint's own session stays closed, so later sends on it
     * fail, until the endpoint's routes restart.
     */
    CompletableFuture<Void> end(String key, String reason) {
        SharedLiveSession s = key.equals(ownKey) ? acquire(key) : sessions.get(key);
        return s == null ? CompletableFuture.completedFuture(null) : end(s, reason);
    }

    private CompletableFuture<Void> end(SharedLiveSession s, String reason) {
        if (!s.key().equals(ownKey)) {
            forget(s);
        }
        return s.end(reason);
    }

    /**
     * Lets go of the session of {@code key} here ({@code release} operation): closes it like {@link #closeAll} does,
     * keeping its stored handle for another instance to resume. A keyed session is forgotten; the endpoint's own
     * stays closed, like after {@link #end}.
     */
    CompletableFuture<Void> release(String key, String reason) {
        SharedLiveSession s = sessions.get(key);
        if (s == null) {
            return CompletableFuture.completedFuture(null);
        }
        if (!key.equals(ownKey)) {
            forget(s);
        }
        return s.close(reason);
    }

    /** Removes {@code s} unless another thread did: its counts move to the totals in the same step. */
    private boolean forget(SharedLiveSession s) {
        OWN.compareAndSet(this, s, null);
        return totals.forget(s, () -> sessions.remove(s.key(), s));
    }

    /** A producer or consumer of the endpoint started; the first one starts the idle sweeps. */
    void userStarted() {
        long period;
        synchronized (this) {
            if (users++ > 0) {
                return;
            }
            period = ++usePeriod;
        }
        if (limits.idleMillis() > 0) {
            sweepIdleLater(period);
        }
    }

    /**
     * A producer or consumer of the endpoint stopped; when it was the last one, every session is closed (their
     * stored handles stay). Completes when the close handshakes are done.
     */
    CompletableFuture<Void> userStopped() {
        synchronized (this) {
            if (users == 0 || --users > 0) {
                return CompletableFuture.completedFuture(null);
            }
            usePeriod++;
        }
        return closeAll("the routes using the endpoint stopped");
    }

    /**
     * Ends, a quarter of {@code idleTimeout} (at least 10 ms, at most 1 s) from now and then again and again while
     * the period of use lasts, the keyed sessions without activity for {@code idleTimeout}. Not the endpoint's own:
     * its routes (a consumer with openOnStart) would go dead with it.
     */
    private void sweepIdleLater(long period) {
        long idle = limits.idleMillis();
        long every = Math.max(10, Math.min(1000, idle / 4));
        CompletableFuture.delayedExecutor(every, TimeUnit.MILLISECONDS, sweeps).execute(() -> {
            synchronized (this) {
                if (period != usePeriod) {
                    return;
                }
            }
            long now = System.nanoTime();
            String reason = "idle: nothing sent, received or under way for " + idle + " ms (idleTimeout)";
            for (SharedLiveSession s : sessions.values()) {
                if (!s.key().equals(ownKey) && s.idleNanos(now) >= TimeUnit.MILLISECONDS.toNanos(idle)) {
                    LOG.debug("Closing gemini-live session '{}': {}", s.key(), reason);
                    end(s, reason);
                }
            }
            sweepIdleLater(period);
        });
    }

    /** Closes and forgets every session (their stored handles stay); completes when every close handshake is done. */
    CompletableFuture<Void> closeAll(String reason) {
        List<SharedLiveSession> held = new ArrayList<>(sessions.values());
        held.removeIf(s -> !forget(s)); // one forgotten concurrently was ended already
        return CompletableFuture.allOf(held.stream().map(s -> s.close(reason)).toArray(CompletableFuture[]::new));
    }

    /** The keys held now, sorted. */
    List<String> keys() {
        List<String> keys = new ArrayList<>(sessions.keySet());
        keys.sort(null);
        return keys;
    }

    /** The sessions held now (a live view). */
    Collection<SharedLiveSession> held() {
        return sessions.values();
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
