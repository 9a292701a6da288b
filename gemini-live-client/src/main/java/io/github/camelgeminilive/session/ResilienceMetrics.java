package io.github.camelgeminilive.session;

import java.time.Duration;

/**
 * A snapshot of what a {@link ResilientSession} went through. Everything dropped by policy is counted here.
 *
 * @param connections          connections opened (the first included)
 * @param reconnects           successful moves to a new connection
 * @param failedAttempts       connection attempts that failed
 * @param goAways              go-aways received
 * @param replayedMessages     client messages sent again after a resume
 * @param droppedSends         held sends dropped by {@link OverflowPolicy#DROP_OLDEST}
 * @param droppedEvents        server events dropped because the listener fell too far behind
 * @param audioLost            audio the service may never have received (replay impossible)
 * @param lastGap              the most recent time without a usable connection
 */
public record ResilienceMetrics(long connections, long reconnects, long failedAttempts, long goAways,
        long replayedMessages, long droppedSends, long droppedEvents, Duration audioLost, Duration lastGap) {
}
