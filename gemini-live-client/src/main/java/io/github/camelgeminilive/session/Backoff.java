package io.github.camelgeminilive.session;

import java.time.Duration;
import java.util.concurrent.ThreadLocalRandom;

/** The delays of a {@link ReconnectPolicy}: the first attempt at once, then exponential growth with jitter. */
final class Backoff {

    private final ReconnectPolicy policy;

    Backoff(ReconnectPolicy policy) {
        this.policy = policy;
    }

    /** Delay before attempt {@code attempt} (1-based) of one outage. */
    Duration delayBefore(int attempt) {
        if (attempt <= 1) {
            return Duration.ZERO;
        }
        double base = policy.initialDelay().toNanos() * Math.pow(policy.multiplier(), attempt - 2);
        double capped = Math.min(base, policy.maxDelay().toNanos());
        double spread = capped * policy.jitter() * (ThreadLocalRandom.current().nextDouble() * 2 - 1);
        return Duration.ofNanos((long) Math.max(0, capped + spread));
    }

    /** True when no attempt may follow {@code failedAttempts} failures after {@code elapsed} of outage. */
    boolean exhausted(int failedAttempts, Duration elapsed) {
        return (policy.maxAttempts() > 0 && failedAttempts >= policy.maxAttempts())
                || (policy.maxElapsed() != null && elapsed.compareTo(policy.maxElapsed()) >= 0);
    }
}
