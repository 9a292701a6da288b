package io.github.camelgeminilive.session;

import java.time.Duration;

/** The running counts behind {@link ResilienceMetrics}. Guarded by the resilient session's lock. */
final class ResilienceCounters {

    long connections;
    long reconnects;
    long failedAttempts;
    long goAways;
    long replayedMessages;
    Duration audioLost = Duration.ZERO;
    Duration lastGap = Duration.ZERO;

    ResilienceMetrics snapshot(long droppedSends, long droppedEvents) {
        return new ResilienceMetrics(connections, reconnects, failedAttempts, goAways, replayedMessages,
                droppedSends, droppedEvents, audioLost, lastGap);
    }
}
