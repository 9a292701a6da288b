package io.github.camelgeminilive.session.connection;

import java.util.concurrent.atomic.AtomicLong;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.github.camelgeminilive.protocol.ProtocolException;
import io.github.camelgeminilive.session.LiveEvent;
import io.github.camelgeminilive.session.LiveSessionException.MalformedMessageException;
import io.github.camelgeminilive.session.delivery.EventSink;

/**
 * What a session does with a server message that fails to parse. Before {@code setupComplete} it ends the session
 * (it cannot be trusted as the setup's answer); after it, the message is skipped, counted, logged (at WARN at most
 * every few seconds, with the parser's message, never the frame) and reported as {@link LiveEvent.MalformedMessage},
 * up to a number in a row that ends the session. Confined to the session's ordered tasks.
 */
final class MalformedMessages {

    private static final Logger LOG = LoggerFactory.getLogger(MalformedMessages.class);
    /** Longest parser message passed on (it never holds the frame, but may quote a token). */
    private static final int MAX_ERROR_CHARS = 500;
    private static final long WARN_EVERY_NANOS = 5_000_000_000L;

    private final String name;
    private final int maxInARow;
    private final AtomicLong counted;
    private final EventSink sink;
    /** Malformed messages since the last good one. */
    private int inARow;
    private long lastWarnNanos = System.nanoTime() - WARN_EVERY_NANOS;

    /**
     * @param maxInARow malformed messages in a row that end the session
     * @param counted   where the skipped messages are counted
     * @param sink      where the reports go
     */
    MalformedMessages(String name, int maxInARow, AtomicLong counted, EventSink sink) {
        this.name = name;
        this.maxInARow = maxInARow;
        this.counted = counted;
        this.sink = sink;
    }

    /** A message parsed: the count in a row starts again. */
    void parsed() {
        inARow = 0;
    }

    /**
     * Skips a message that failed to parse with {@code e} and reports it, or says why the session must end.
     *
     * @param setupSeen whether {@code setupComplete} arrived
     * @return null when the message was skipped; else the error that ends the session
     */
    MalformedMessageException skip(RuntimeException e, boolean setupSeen) {
        String error = String.valueOf(e instanceof ProtocolException
                ? e.getMessage() : "Malformed server message: " + e);
        if (error.length() > MAX_ERROR_CHARS) {
            error = error.substring(0, MAX_ERROR_CHARS) + "...";
        }
        if (setupSeen) {
            counted.incrementAndGet();
        }
        if (!setupSeen || ++inARow >= maxInARow) {
            String what = setupSeen ? inARow + " malformed messages in a row" : "a malformed message";
            return new MalformedMessageException("Live API sent " + what + " (session " + name + "): " + error, e);
        }
        long now = System.nanoTime();
        if (now - lastWarnNanos >= WARN_EVERY_NANOS) {
            lastWarnNanos = now;
            LOG.warn("Session {} skipped a malformed server message ({} so far): {}", name, counted.get(), error);
        } else {
            LOG.debug("Session {} skipped a malformed server message: {}", name, error);
        }
        sink.offer(new LiveEvent.MalformedMessage(error));
        return null;
    }
}
