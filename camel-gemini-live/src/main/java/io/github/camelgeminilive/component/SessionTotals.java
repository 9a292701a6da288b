package io.github.camelgeminilive.component;

import java.util.Collection;
import java.util.function.BooleanSupplier;
import java.util.function.LongSupplier;
import java.util.function.ToLongFunction;

import io.github.camelgeminilive.session.ResilienceMetrics;

/**
 * The counters of all an endpoint's sessions, ever: those it forgot (added when each is forgotten, with its final
 * counts) plus those it holds. Keyed sessions come and go, so only this sum is monotonic, as counters must be.
 * Computed when read (a meter scrape, the dev console), never on the hot path; the returned array is shared: read
 * only.
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
        FAILED_WRITES(ResilienceMetrics::failedWrites),
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
    /** How long one sum serves: a scrape reads some twenty counters, each from one sum. */
    static final long FRESH_NANOS = 100_000_000L;

    private final long[] forgotten = new long[COUNTS.length];
    private final LongSupplier nanoTime;
    private long[] latest;
    private long latestNanos;

    SessionTotals() {
        this(System::nanoTime);
    }

    /** @param nanoTime the clock of {@link #FRESH_NANOS} ({@link System#nanoTime()}; tests pass their own) */
    SessionTotals(LongSupplier nanoTime) {
        this.nanoTime = nanoTime;
    }

    /**
     * Forgets a session if {@code remove} removes it from the held ones (false: another thread forgot it), adding its
     * counts to the totals in the same step as the removal, so that no sum sees it in neither.
     */
    synchronized boolean forget(SharedLiveSession session, BooleanSupplier remove) {
        if (!remove.getAsBoolean()) {
            return false;
        }
        add(forgotten, session);
        latest = null;
        return true;
    }

    /**
     * The totals of the forgotten sessions and of {@code held}, indexed by {@link Count#ordinal()}: computed at most
     * once per {@link #FRESH_NANOS}, from the sessions' counters only. Never decreasing, as forgetting is atomic with
     * respect to it and every counter only grows.
     */
    synchronized long[] total(Collection<SharedLiveSession> held) {
        long now = nanoTime.getAsLong();
        if (latest == null || now - latestNanos >= FRESH_NANOS) {
            long[] sums = forgotten.clone();
            for (SharedLiveSession s : held) {
                add(sums, s);
            }
            latest = sums;
            latestNanos = now;
        }
        return latest;
    }

    private static void add(long[] sums, SharedLiveSession session) {
        sums[Count.REFUSED_SENDS.ordinal()] += session.refusedSends();
        ResilienceMetrics m = session.metrics();
        if (m != null) {
            for (Count c : COUNTS) {
                sums[c.ordinal()] += c.of.applyAsLong(m);
            }
        }
    }
}
