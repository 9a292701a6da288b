package io.github.camelgeminilive.session.delivery;

import java.util.concurrent.atomic.AtomicLong;

import io.github.camelgeminilive.session.LiveSession;

/**
 * What a session sent and received, and what it dropped, refused or skipped, counted from any thread: shared by a
 * resilient session's event queue and the plain sessions of its connections, so that {@link LiveSession#metrics()}
 * shows all of it across connections.
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

    /** Client messages after {@code setup} the connections took for writing; a later failure is counted apart. */
    public final AtomicLong framesSent = new AtomicLong();
    /** Their bytes (UTF-8 JSON, as written). */
    public final AtomicLong bytesSent = new AtomicLong();
    /** Nanoseconds of the audio those messages carry. */
    public final AtomicLong audioSentNanos = new AtomicLong();
    /** Those messages whose write then failed (the connection was lost). */
    public final AtomicLong failedWrites = new AtomicLong();
    /** Messages the connections read from the service, {@code setupComplete} included. */
    public final AtomicLong framesReceived = new AtomicLong();
    /** Their size as read: bytes of a binary frame, characters of a text frame. */
    public final AtomicLong bytesReceived = new AtomicLong();

    /** A connection took a frame of {@code bytes} carrying {@code audioNanos} of audio for writing. */
    public void sent(long bytes, long audioNanos) {
        framesSent.incrementAndGet();
        bytesSent.addAndGet(bytes);
        audioSentNanos.addAndGet(audioNanos);
    }

    public void received(long bytes) {
        framesReceived.incrementAndGet();
        bytesReceived.addAndGet(bytes);
    }

    public void droppedEvent(long bytes) {
        droppedEvents.incrementAndGet();
        droppedEventBytes.addAndGet(bytes);
    }
}
