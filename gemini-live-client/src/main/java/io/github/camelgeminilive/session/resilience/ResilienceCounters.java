package io.github.camelgeminilive.session.resilience;

import java.time.Duration;

import io.github.camelgeminilive.session.ResilienceMetrics;
import io.github.camelgeminilive.session.delivery.SessionCounters;

/** The running counts behind {@link ResilienceMetrics}. Guarded by the resilient session's lock. */
final class ResilienceCounters {

    long connections;
    long reconnects;
    long failedAttempts;
    long goAways;
    long replayedMessages;
    Duration audioLost = Duration.ZERO;
    Duration audioPossiblyLost = Duration.ZERO;
    Duration lastGap = Duration.ZERO;

    /** A connection took over after a gap of {@code gap}, as {@code resumed} says. */
    void reconnected(Outbox.Resumed resumed, Duration gap) {
        reconnects++;
        replayedMessages += resumed.replayed();
        audioLost = audioLost.plus(resumed.audioLost());
        audioPossiblyLost = audioPossiblyLost.plus(resumed.audioPossiblyLost());
        lastGap = gap;
    }

    ResilienceMetrics snapshot(HeldSends held, SessionCounters session, ToolCalls toolCalls, ReplayBuffer replay) {
        return new ResilienceMetrics(connections, reconnects, failedAttempts, goAways, replayedMessages,
                held.dropped(), session.droppedEvents.get(), audioLost, lastGap,
                held.refused() + session.refusedSends.get(), session.droppedEventBytes.get(),
                session.malformedMessages.get(), toolCalls.cancelledByBound(), replay.forgottenMessages(),
                session.framesSent.get(), session.bytesSent.get(), Duration.ofNanos(session.audioSentNanos.get()),
                session.framesReceived.get(), session.bytesReceived.get(), session.failedWrites.get(),
                audioPossiblyLost);
    }
}
