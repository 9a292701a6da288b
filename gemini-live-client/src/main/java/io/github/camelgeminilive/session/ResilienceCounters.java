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

    ResilienceMetrics snapshot(HeldSends held, SessionCounters session, ToolCalls toolCalls, ReplayBuffer replay) {
        return new ResilienceMetrics(connections, reconnects, failedAttempts, goAways, replayedMessages,
                held.dropped(), session.droppedEvents.get(), audioLost, lastGap,
                held.refused() + session.refusedSends.get(), session.droppedEventBytes.get(),
                session.malformedMessages.get(), toolCalls.cancelledByBound(), replay.forgottenMessages());
    }

    /** A plain session's metrics: one connection (once set up), no reconnecting. */
    static ResilienceMetrics plain(boolean connected, SessionCounters session) {
        return new ResilienceMetrics(connected ? 1 : 0, 0, 0, 0, 0, 0, session.droppedEvents.get(), Duration.ZERO,
                Duration.ZERO, session.refusedSends.get(), session.droppedEventBytes.get(),
                session.malformedMessages.get(), 0, 0);
    }
}
