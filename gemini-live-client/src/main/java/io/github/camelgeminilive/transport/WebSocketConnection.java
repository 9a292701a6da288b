package io.github.camelgeminilive.transport;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.function.Consumer;

/** One open WebSocket connection. Thread-safe. */
public interface WebSocketConnection {

    /**
     * Queues one text frame whose payload is {@code utf8} (valid UTF-8; the caller must not change it until the
     * future completes; the transport never changes it). Frames leave in the order of the calls, whatever thread
     * calls; the future completes when the frame has been written, or fails (e.g. with {@link TransportException}
     * once the connection is closed, or at once when the outgoing queue is at its bound).
     */
    CompletableFuture<Void> sendText(byte[] utf8);

    /**
     * {@link #sendText} without a future per frame, for a caller that completes its own: {@code done} is told once
     * how the write ended (null: written), possibly on this thread before this returns. A frame not queued at all
     * (the outgoing queue at its bound, or the connection closing) is not written: the reason is returned, and
     * {@code done} is never called.
     */
    default Throwable queueText(byte[] utf8, Consumer<Throwable> done) {
        CompletableFuture<Void> written = sendText(utf8);
        if (written.isCompletedExceptionally()) {
            Throwable e = written.handle((v, error) -> error).join();
            return e instanceof CompletionException && e.getCause() != null ? e.getCause() : e;
        }
        written.whenComplete((v, error) -> done.accept(error));
        return null;
    }

    /**
     * Sends a close frame after the frames already queued. The handler's {@link WebSocketHandler#onClose} follows
     * when the peer answered (or the connection ended otherwise).
     */
    void close(int code, String reason);

    /** Drops the connection without a close handshake. */
    void abort();

    boolean isOpen();

    /**
     * Sends refused because the frames already held for sending had reached the connection's outgoing bound
     * ({@link ConnectionOptions#maxOutgoingBytes()}); each failed its future at once and was not queued.
     */
    default long refusedSends() {
        return 0;
    }

    /**
     * Sends a WebSocket ping (for keepalive); the handler's {@link WebSocketHandler#onPong} follows when the peer
     * answers. Fails when the connection cannot send it. Transports without ping support fail the future.
     */
    default CompletableFuture<Void> sendPing() {
        return CompletableFuture.failedFuture(new TransportException("This transport cannot send pings", null));
    }
}
