package io.github.camelgeminilive.session;

import java.util.concurrent.CompletableFuture;

import io.github.camelgeminilive.transport.ConnectionOptions;

/**
 * Opens Live API sessions. One client shares one WebSocket container, I/O threads and event pool among all its
 * sessions (no thread per session). Close it to release them.
 */
public final class LiveClient implements AutoCloseable {

    private LiveClient(ConnectionOptions options) {
        throw new UnsupportedOperationException("TODO: implemented by the transport/session work");
    }

    public static LiveClient create(ConnectionOptions options) {
        return new LiveClient(options);
    }

    /**
     * Connects, sends {@code setup} (with {@code resumptionHandle} when not null) and completes once
     * {@code setupComplete} arrived; fails with a {@link LiveSessionException} (1007/1008 typed) otherwise.
     */
    public CompletableFuture<LiveSession> connect(SessionOptions options, String resumptionHandle,
            LiveSessionListener listener) {
        throw new UnsupportedOperationException("TODO");
    }

    @Override
    public void close() {
    }
}
