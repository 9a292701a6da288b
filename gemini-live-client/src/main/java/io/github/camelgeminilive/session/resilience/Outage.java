package io.github.camelgeminilive.session.resilience;

import java.time.Duration;

import io.github.camelgeminilive.session.ReconnectPolicy;

/**
 * The connection attempts of a resilient session's outage, and when it ends or is given up. An outage lasts until
 * a connection has proven healthy: it stayed up for {@link #STABLE_CONNECTION}. A connection that is lost sooner,
 * however (a close with any code, 1000 without a go-away too, a drop, a half-open finding), is one more failed
 * attempt of the same outage: the next attempt waits per the backoff, and {@code maxAttempts} and
 * {@code maxElapsed} count on, so a service that accepts the setup and then closes, or a replayed message that
 * makes it close, costs backed-off attempts and is given up on, never a loop. Time is the proof rather than
 * something received: a service in trouble may still send a resumption update, or start answering the replay,
 * before it closes. The first connection's loss starts an outage (there was none before it), as does the loss of
 * a proven one. Not thread-safe: guarded by the resilient session's lock.
 */
public final class Outage {

    /**
     * How long a connection must stay up to end the outage it bridged. Far above a setup and replay (well under a
     * second), so a service that fails each new connection within seconds is backed off and given up on.
     */
    public static final Duration STABLE_CONNECTION = Duration.ofSeconds(10);

    private final ReconnectPolicy policy;
    private long startNanos;
    /** Connection attempts of the outage (0: none in progress): the backoff and give-up count these. */
    private int attempts;
    /** Attempts since the last connection came up: what its Reconnected reports. */
    private int tries;

    Outage(ReconnectPolicy policy) {
        this.policy = policy;
    }

    /** A new outage starts at {@code nowNanos} (System.nanoTime): no attempt of it yet. */
    void begin(long nowNanos) {
        startNanos = nowNanos;
        attempts = 0;
    }

    /** One more connection attempt starts. */
    void attempt() {
        attempts++;
        tries++;
    }

    int attempts() {
        return attempts;
    }

    /** A connection came up: the attempts it took (since the previous one came up), counted afresh from here. */
    int connected() {
        int took = tries;
        tries = 0;
        return took;
    }

    /** The first connection came up: there was no outage before it, so its loss starts one. */
    void firstConnected() {
        attempts = 0;
        tries = 0;
    }

    /**
     * Whether the loss of a connection up since {@code upSinceNanos} starts a new outage (it was the first, or it
     * proved healthy) rather than adding an attempt to the current one.
     */
    boolean endedBy(long upSinceNanos, long nowNanos) {
        return attempts == 0 || nowNanos - upSinceNanos >= STABLE_CONNECTION.toNanos();
    }

    /** True when the policy allows no further attempt of this outage at {@code nowNanos}. */
    boolean exhausted(long nowNanos) {
        Duration elapsed = Duration.ofNanos(nowNanos - startNanos);
        return (policy.maxAttempts() > 0 && attempts >= policy.maxAttempts())
                || (policy.maxElapsed() != null && elapsed.compareTo(policy.maxElapsed()) >= 0);
    }

    /** The backoff's delay before the next attempt. */
    Duration nextDelay() {
        return policy.delayBefore(attempts + 1);
    }
}
