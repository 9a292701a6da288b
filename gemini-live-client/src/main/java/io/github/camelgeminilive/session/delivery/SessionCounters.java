package io.github.camelgeminilive.session.delivery;

import java.util.concurrent.atomic.AtomicLong;

import io.github.camelgeminilive.session.LiveSession;

/**
 * What a session dropped, refused or skipped, counted from any thread: shared by a resilient session's event
 * queue and the plain sessions of its connections, so that {@link LiveSession#metrics()} shows all of it.
 */
public final class SessionCounters {

    /** Events the listener never got: the queue bound, a rejecting executor, an ending session. */
    public final AtomicLong droppedEvents = new AtomicLong();
    /** Payload bytes of those events. */
    public final AtomicLong droppedEventBytes = new AtomicLong();
    /** Sends a connection refused at its outgoing bound ({@code maxOutgoingBytes}). */
    public final AtomicLong refusedSends = new AtomicLong();
    /** Server messages that failed to parse and were skipped. */
    public final AtomicLong malformedMessages = new AtomicLong();

    public void droppedEvent(long bytes) {
        droppedEvents.incrementAndGet();
        droppedEventBytes.addAndGet(bytes);
    }
}
