package io.github.camelgeminilive.session.resilience;

import java.time.Duration;
import java.util.List;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.github.camelgeminilive.session.LiveEvent;
import io.github.camelgeminilive.session.delivery.EventQueue;

/**
 * A new connection takes the conversation over after a gap: the tool calls of the connections before it are
 * cancelled (their responses could only go there), the {@link Outbox} writes again what the resumed state lacks
 * (for a fresh session, the conversation so far as text), then the held sends, and the listener hears
 * {@link LiveEvent.Reconnected}: the attempts it took, the downtime, whether the session was resumed, what was
 * replayed, lost and possibly lost, whether a reply was cut off, and why. Not thread-safe: guarded by the resilient
 * session's lock.
 */
final class Takeover {

    private static final Logger LOG = LoggerFactory.getLogger(Takeover.class);

    private final ToolCalls toolCalls;
    private final ResumptionHandles handles;
    private final Outbox outbox;
    private final Outage outage;
    private final ResilienceCounters counters;
    private final EventQueue events;

    Takeover(ToolCalls toolCalls, ResumptionHandles handles, Outbox outbox, Outage outage,
            ResilienceCounters counters, EventQueue events) {
        this.toolCalls = toolCalls;
        this.handles = handles;
        this.outbox = outbox;
        this.outage = outage;
        this.counters = counters;
        this.events = events;
    }

    /**
     * {@code link}, up now, takes over from the gap that began at {@code gapStartNanos} (System.nanoTime).
     *
     * @param cause        why the gap began (a close code and reason, or what started the move)
     * @param replyAborted whether a reply was cut off by the gap
     */
    void takeOver(Link link, long gapStartNanos, String cause, boolean replyAborted) {
        List<String> cancelled = toolCalls.orphaned(link.generation);
        if (!cancelled.isEmpty()) {
            events.offer(new LiveEvent.ToolCallCancelled(cancelled));
        }
        boolean fresh = handles.fresh();
        Outbox.Resumed resumed = outbox.resume(link, fresh);
        Duration downtime = Duration.ofNanos(link.upSinceNanos - gapStartNanos);
        int tries = outage.connected(); // the outage goes on until this connection proves healthy
        counters.reconnected(resumed, downtime);
        LOG.debug("Connection {} took over after {} ({}, {} attempt(s), {} replayed)", link.generation, downtime,
                cause, tries, resumed.replayed());
        events.offer(new LiveEvent.Reconnected(tries, downtime, !fresh, resumed.replayed(), resumed.audioLost(),
                resumed.audioPossiblyLost(), replyAborted, cause));
    }
}
