package io.github.camelgeminilive.component;

import java.util.Collection;
import java.util.function.ToLongFunction;

import io.github.camelgeminilive.session.ResilienceMetrics;

/**
 * The counters of all an endpoint's sessions, ever: those it forgot (added when each is forgotten, with its final
 * counts) plus those it holds. Keyed sessions come and go, so only this sum is monotonic, as counters must be.
 * Computed when read (a meter scrape, the dev console), never on the hot path.
 */
final class SessionTotals {

    /** The summed counters; see {@link ResilienceMetrics} for each. */
    enum Count {
        CONNECTIONS(ResilienceMetrics::connections),
        RECONNECTS(ResilienceMetrics::reconnects),
        FAILED_ATTEMPTS(ResilienceMetrics::failedAttempts),
        GO_AWAYS(ResilienceMetrics::goAways),
        REPLAYED_MESSAGES(ResilienceMetrics::replayedMessages),
        FRAMES_SENT(ResilienceMetrics::framesSent),
        BYTES_SENT(ResilienceMetrics::bytesSent),
        AUDIO_SENT_NANOS(m -> m.audioSent().toNanos()),
        FRAMES_RECEIVED(ResilienceMetrics::framesReceived),
        BYTES_RECEIVED(ResilienceMetrics::bytesReceived),
        DROPPED_SENDS(ResilienceMetrics::droppedSends),
        DROPPED_EVENTS(ResilienceMetrics::droppedEvents),
        MALFORMED_MESSAGES(ResilienceMetrics::malformedMessages),
        CANCELLED_TOOL_CALLS(ResilienceMetrics::cancelledToolCalls),
        UNREPLAYABLE_MESSAGES(ResilienceMetrics::unreplayableMessages),
        AUDIO_LOST_NANOS(m -> m.audioLost().toNanos()),
        /** The client's refusals and those before a send reached it (too many waiting for the connect or a reply). */
        REFUSED_SENDS(ResilienceMetrics::refusedSends);

        private final ToLongFunction<ResilienceMetrics> of;

        Count(ToLongFunction<ResilienceMetrics> of) {
            this.of = of;
        }
    }

    private static final Count[] COUNTS = Count.values();

    private final long[] forgotten = new long[COUNTS.length];

    /** A session is forgotten: its counts stay in the totals. */
    void forgotten(SharedLiveSession session) {
        SessionView view = session.view();
        synchronized (forgotten) {
            add(forgotten, view);
        }
    }

    /** The totals of the forgotten sessions and of {@code held}, indexed by {@link Count#ordinal()}. */
    long[] total(Collection<SharedLiveSession> held) {
        long[] sums;
        synchronized (forgotten) {
            sums = forgotten.clone();
        }
        for (SharedLiveSession s : held) {
            add(sums, s.view());
        }
        return sums;
    }

    private static void add(long[] sums, SessionView view) {
        sums[Count.REFUSED_SENDS.ordinal()] += view.refusedSends();
        ResilienceMetrics m = view.metrics();
        if (m != null) {
            for (Count c : COUNTS) {
                sums[c.ordinal()] += c.of.applyAsLong(m);
            }
        }
    }
}
