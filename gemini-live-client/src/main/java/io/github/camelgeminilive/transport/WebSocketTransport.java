package io.github.camelgeminilive.transport;

import java.util.concurrent.CompletableFuture;

/**
 * Opens WebSocket connections; one instance is shared by all connections of a client (shared I/O threads).
 * Implementations must keep TLS certificate and hostname verification on.
 */
public interface WebSocketTransport extends AutoCloseable {

    /**
     * Opens one connection. The future fails with a {@link TransportException} whose message never contains the
     * request's secrets.
     */
    CompletableFuture<WebSocketConnection> connect(HandshakeRequest request, WebSocketHandler handler);

    /** Closes all connections and releases the I/O threads. */
    @Override
    void close();
}
