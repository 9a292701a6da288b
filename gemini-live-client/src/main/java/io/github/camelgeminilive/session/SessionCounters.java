package io.github.camelgeminilive.session;

import java.util.concurrent.atomic.AtomicLong;

/**
 * What a session dropped, refused or skipped, counted from any thread: shared by a resilient session's event
 * queue and the plain sessions of its connections, so that {@link LiveSession#metrics()} shows all of it.
 */
final class SessionCounters {

    /** Events the listener never got: the queue bound, a rejecting executor, an ending session. */
    final AtomicLong droppedEvents = new AtomicLong();
    /** Payload bytes of those events. */
    final AtomicLong droppedEventBytes = new AtomicLong();
    /** Sends a connection refused at its outgoing bound ({@code maxOutgoingBytes}). */
    final AtomicLong refusedSends = new AtomicLong();
    /** Server messages that failed to parse and were skipped. */
    final AtomicLong malformedMessages = new AtomicLong();

    void droppedEvent(long bytes) {
        droppedEvents.incrementAndGet();
        droppedEventBytes.addAndGet(bytes);
    }
}
