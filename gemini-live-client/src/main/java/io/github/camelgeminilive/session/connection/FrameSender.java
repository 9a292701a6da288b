package io.github.camelgeminilive.session.connection;

import java.util.concurrent.CompletableFuture;
import java.util.function.Supplier;

import io.github.camelgeminilive.session.LiveSessionException;
import io.github.camelgeminilive.session.LiveSessionException.ConnectionLostException;
import io.github.camelgeminilive.session.LiveSessionException.SessionClosedException;
import io.github.camelgeminilive.session.delivery.SessionCounters;
import io.github.camelgeminilive.transport.SendRefusedException;
import io.github.camelgeminilive.transport.WebSocketConnection;

/**
 * The sending side of a {@link PlainLiveSession}: validates and encodes on the caller's thread, queues the frame on
 * the connection while the session is open, and says in the future what went wrong: the bad input itself, a send
 * the connection refused at its outgoing bound (counted; the connection stays usable), a lost connection, or a
 * closed session (with why it ended).
 */
final class FrameSender {

    private final String name;
    private final SessionCounters counters;
    private final Supplier<WebSocketConnection> open;
    private final Supplier<LiveSessionException> failure;

    /**
     * @param open    the connection while the session is open, else null
     * @param failure why the session ended, if it did with an error
     */
    FrameSender(String name, SessionCounters counters, Supplier<WebSocketConnection> open,
            Supplier<LiveSessionException> failure) {
        this.name = name;
        this.counters = counters;
        this.open = open;
        this.failure = failure;
    }

    /** Encodes (a bad message fails the future), then writes. */
    CompletableFuture<Void> send(Supplier<EncodedFrame> encode) {
        EncodedFrame frame;
        try {
            frame = encode.get();
        } catch (RuntimeException e) {
            return CompletableFuture.failedFuture(e);
        }
        return write(frame);
    }

    /** Queues an already validated and encoded frame; failures come back in the future. */
    CompletableFuture<Void> write(EncodedFrame frame) {
        WebSocketConnection connection = open.get();
        if (connection == null) {
            return CompletableFuture.failedFuture(closedError());
        }
        CompletableFuture<Void> written = connection.sendText(frame.utf8());
        // counted when taken, a later failure apart, so counters only grow; no callback per written frame
        boolean taken = !written.isCompletedExceptionally(); // else refused at the bound, or closed: not sent
        if (taken) {
            counters.sent(frame.utf8().length, frame.audio().toNanos());
        }
        return written.exceptionallyCompose(e -> {
            if (taken) {
                counters.failedWrites.incrementAndGet();
            }
            Throwable cause = Failures.unwrap(e);
            if (cause instanceof SendRefusedException) { // the connection is fine: only this send is refused
                counters.refusedSends.incrementAndGet();
                return CompletableFuture.failedFuture(cause);
            }
            return CompletableFuture.failedFuture(open.get() != null
                    ? new ConnectionLostException("Could not write to the Live API (session " + name + "): "
                            + cause.getMessage(), 0, null, cause)
                    : closedError());
        });
    }

    /** Sends a WebSocket ping. */
    CompletableFuture<Void> ping() {
        WebSocketConnection connection = open.get();
        return connection == null ? CompletableFuture.failedFuture(closedError()) : connection.sendPing();
    }

    private SessionClosedException closedError() {
        LiveSessionException why = failure.get();
        return new SessionClosedException("Cannot send: Live API session " + name + " is closed"
                + (why == null ? "" : " (" + why.getMessage() + ")"), why);
    }
}
