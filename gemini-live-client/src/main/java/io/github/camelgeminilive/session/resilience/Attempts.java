package io.github.camelgeminilive.session.resilience;

import java.util.concurrent.Executor;
import java.util.function.BiConsumer;
import java.util.function.Consumer;

import io.github.camelgeminilive.session.LiveSessionException;
import io.github.camelgeminilive.session.LiveSessionException.InvalidArgumentException;
import io.github.camelgeminilive.session.LiveSessionException.MalformedMessageException;
import io.github.camelgeminilive.session.LiveSessionException.PolicyViolationException;
import io.github.camelgeminilive.session.ResilienceOptions;
import io.github.camelgeminilive.session.SessionOptions;
import io.github.camelgeminilive.session.connection.Failures;

/**
 * The connection attempts of a resilient session: each starts a new {@link Link}, resuming from the newest usable
 * handle, and each failure is judged: the service refused the handle (a fresh session follows), a failure no
 * retry can mend (1007, 1008, malformed messages), or one more attempt of the {@link Outage}. Not thread-safe:
 * guarded by the resilient session's lock.
 */
final class Attempts {

    /** What follows a failed attempt. */
    enum Verdict { FRESH_SESSION, RETRY, GIVE_UP }

    private final Connector connector;
    private final Executor pool;
    private final SessionOptions options;
    private final ResilienceOptions resilience;
    private final Outage outage;
    private final ResumptionHandles handles;
    private final Link.LinkListener events;
    private final Consumer<Link> halfOpen;
    private final BiConsumer<Link, Throwable> failed;
    /** The newest attempt's number: a link of an older one is stale. */
    private int generation;

    /**
     * @param events   hears the events of every link
     * @param halfOpen told when a link's keepalive finds it half-open
     * @param failed   told when an attempt failed (on the thread that found out, without the lock)
     */
    Attempts(Connector connector, Executor pool, SessionOptions options, ResilienceOptions resilience, Outage outage,
            ResumptionHandles handles, Link.LinkListener events, Consumer<Link> halfOpen,
            BiConsumer<Link, Throwable> failed) {
        this.connector = connector;
        this.pool = pool;
        this.options = options;
        this.resilience = resilience;
        this.outage = outage;
        this.handles = handles;
        this.events = events;
        this.halfOpen = halfOpen;
        this.failed = failed;
    }

    /**
     * Starts the next attempt. It runs on the pool, outside the lock: a failure reported at once must not re-enter
     * this attempt's bookkeeping (the client connects on its own connect pool).
     */
    void start() {
        outage.attempt();
        int gen = ++generation;
        String resumeWith = handles.usable();
        pool.execute(() -> {
            Link link = new Link(gen, connector, options, events, resilience, halfOpen);
            link.session.setupFuture().whenComplete((s, e) -> {
                if (e != null) {
                    failed.accept(link, Failures.unwrap(e));
                }
            });
            connector.start(link.session, resumeWith);
        });
    }

    /** Whether {@code link} is of the newest attempt. */
    boolean isNewest(Link link) {
        return link.generation == generation;
    }

    /** The newest attempt's number (each connection's {@link Link#generation}). */
    int newest() {
        return generation;
    }

    /** The pending attempt, if any, is stale from now on. */
    void abandon() {
        generation++;
    }

    /**
     * What follows the failure {@code e} of an attempt; {@code first}: the session's first connection, which is
     * not retried (its future fails, so misconfiguration shows at once) unless the service refused a stored handle.
     */
    Verdict judge(LiveSessionException e, boolean first, long nowNanos) {
        if (e instanceof InvalidArgumentException && handles.usable() != null
                && (resilience.seedFreshSession() || first)) {
            return Verdict.FRESH_SESSION; // expired or unknown: a fresh session instead
        }
        return first || !retryable(e) || outage.exhausted(nowNanos) ? Verdict.GIVE_UP : Verdict.RETRY;
    }

    /** The failure of an attempt as the session reports it. */
    static LiveSessionException failure(Throwable error) {
        return error instanceof LiveSessionException l ? l
                : new LiveSessionException.ConnectionLostException(String.valueOf(error.getMessage()), 0, null, error);
    }

    /** 1007, 1008 and malformed messages are never retried: the next attempt would fail the same way. */
    static boolean retryable(LiveSessionException e) {
        return !(e instanceof InvalidArgumentException || e instanceof PolicyViolationException
                || e instanceof MalformedMessageException);
    }
}
