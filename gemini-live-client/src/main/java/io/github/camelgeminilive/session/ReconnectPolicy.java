package io.github.camelgeminilive.session;

import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Exponential backoff with jitter for reconnects after a drop, 1011 or an abnormal close. 1007 and 1008 are never
 * retried. Gives up after {@code maxAttempts} consecutive failed attempts (0: no limit) or once the outage has
 * lasted {@code maxElapsed} (null: no limit), whichever comes first. A connection that comes up but ends within
 * 10 s counts as a failed attempt: the outage ends only with a connection that stayed up.
 *
 * @param initialDelay delay before the second attempt (the first is immediate)
 * @param maxDelay     cap of the delay
 * @param multiplier   growth per attempt (e.g. 2.0)
 * @param jitter       random spread, 0..1, as a fraction of the delay (e.g. 0.2 = +/-20%)
 * @param maxAttempts  consecutive failed attempts before giving up; 0 = unlimited
 * @param maxElapsed   longest outage before giving up; null = unlimited
 */
public record ReconnectPolicy(Duration initialDelay, Duration maxDelay, double multiplier, double jitter,
        int maxAttempts, Duration maxElapsed) {

    public ReconnectPolicy {
        Objects.requireNonNull(initialDelay, "initialDelay");
        Objects.requireNonNull(maxDelay, "maxDelay");
        if (multiplier < 1.0 || jitter < 0 || jitter > 1 || maxAttempts < 0) {
            throw new IllegalArgumentException("Invalid reconnect policy: multiplier >= 1, 0 <= jitter <= 1, "
                    + "maxAttempts >= 0 required");
        }
    }

    /** Delay before attempt {@code attempt} (1-based) of one outage: the first at once, then exponential with jitter. */
    public Duration delayBefore(int attempt) {
        if (attempt <= 1) {
            return Duration.ZERO;
        }
        double base = initialDelay.toNanos() * Math.pow(multiplier, attempt - 2);
        double capped = Math.min(base, maxDelay.toNanos());
        double spread = capped * jitter * (ThreadLocalRandom.current().nextDouble() * 2 - 1);
        return Duration.ofNanos((long) Math.max(0, capped + spread));
    }

    /** 200 ms doubling up to 30 s, 20% jitter, giving up after 5 minutes of outage. */
    public static ReconnectPolicy defaults() {
        return new ReconnectPolicy(Duration.ofMillis(200), Duration.ofSeconds(30), 2.0, 0.2, 0,
                Duration.ofMinutes(5));
    }
}
