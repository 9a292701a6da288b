package io.github.camelgeminilive.benchmarks.jmh;

import java.nio.charset.StandardCharsets;
import java.util.concurrent.CompletableFuture;
import java.util.function.Consumer;

import io.github.camelgeminilive.transport.HandshakeRequest;
import io.github.camelgeminilive.transport.WebSocketConnection;
import io.github.camelgeminilive.transport.WebSocketHandler;
import io.github.camelgeminilive.transport.WebSocketTransport;

/**
 * A transport without a network, for measuring the session layers alone: every connection says
 * {@code setupComplete} at once, every write completes at once (the frame is dropped), every ping is answered. The
 * benchmark feeds server messages through {@link #handler}.
 */
final class LoopbackTransport implements WebSocketTransport {

    private static final byte[] SETUP_COMPLETE =
            "{\"setupComplete\":{\"sessionId\":\"loopback\"}}".getBytes(StandardCharsets.UTF_8);

    /** The handler of the newest connection. */
    volatile WebSocketHandler handler;

    @Override
    public CompletableFuture<WebSocketConnection> connect(HandshakeRequest request, WebSocketHandler h) {
        handler = h;
        WebSocketConnection connection = new WebSocketConnection() {
            private volatile boolean open = true;

            @Override
            public CompletableFuture<Void> sendText(byte[] utf8) {
                return open ? CompletableFuture.completedFuture(null)
                        : CompletableFuture.failedFuture(new IllegalStateException("closed"));
            }

            @Override
            public Throwable queueText(byte[] utf8, Consumer<Throwable> done) {
                if (!open) {
                    return new IllegalStateException("closed");
                }
                done.accept(null);
                return null;
            }

            @Override
            public CompletableFuture<Void> sendPing() {
                h.onPong();
                return CompletableFuture.completedFuture(null);
            }

            @Override
            public void close(int code, String reason) {
                open = false;
                h.onClose(code, reason, null);
            }

            @Override
            public void abort() {
                close(1006, "aborted");
            }

            @Override
            public boolean isOpen() {
                return open;
            }
        };
        CompletableFuture<WebSocketConnection> connected = CompletableFuture.completedFuture(connection);
        // the session sends its setup once connected; the answer follows on another thread, as from a socket
        CompletableFuture.runAsync(() -> h.onBinary(SETUP_COMPLETE));
        return connected;
    }

    @Override
    public void close() {
    }
}
