package io.github.camelgeminilive.session.connection;

import java.util.concurrent.CompletableFuture;
import java.util.function.Consumer;
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
        Written written = new Written();
        write(frame, written);
        return written;
    }

    /**
     * Queues an already validated and encoded frame; {@code done} is told once how it ended (null: written), with
     * the same failures as the future of {@link #write(EncodedFrame)}, possibly before this returns. No future per
     * frame: for a caller that completes its own.
     */
    void write(EncodedFrame frame, Consumer<Throwable> done) {
        WebSocketConnection connection = open.get();
        if (connection == null) {
            done.accept(closedError());
            return;
        }
        Throwable notQueued = connection.queueText(frame.utf8(),
                error -> done.accept(error == null ? null : failed(error, true)));
        if (notQueued != null) { // refused at the bound, or closing: not sent
            done.accept(failed(notQueued, false));
            return;
        }
        // counted when taken, a later failure apart, so counters only grow; no callback per written frame
        counters.sent(frame.utf8().length, frame.audioNanos());
    }

    /** What the caller hears of a write that failed ({@code taken}: after the connection had queued it). */
    private Throwable failed(Throwable e, boolean taken) {
        if (taken) {
            counters.failedWrites.incrementAndGet();
        }
        Throwable cause = Failures.unwrap(e);
        if (cause instanceof SendRefusedException) { // the connection is fine: only this send is refused
            counters.refusedSends.incrementAndGet();
            return cause;
        }
        return open.get() != null
                ? new ConnectionLostException("Could not write to the Live API (session " + name + "): "
                        + cause.getMessage(), 0, null, cause)
                : closedError();
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

    /** The caller's future of one frame, and the callback that completes it: one object per frame. */
    private static final class Written extends CompletableFuture<Void> implements Consumer<Throwable> {

        @Override
        public void accept(Throwable error) {
            if (error == null) {
                complete(null);
            } else {
                completeExceptionally(error);
            }
        }
    }
}
