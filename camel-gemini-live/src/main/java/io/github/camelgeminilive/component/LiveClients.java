package io.github.camelgeminilive.component;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import io.github.camelgeminilive.session.LiveClient;

/** One {@link LiveClient} per distinct {@link ConnectionSettings}, created on first use, closed together. */
final class LiveClients implements AutoCloseable {

    private final Map<ConnectionSettings, LiveClient> clients = new ConcurrentHashMap<>();

    LiveClient get(ConnectionSettings settings) {
        return clients.computeIfAbsent(settings, s -> LiveClient.create(s.toConnectionOptions()));
    }

    @Override
    public void close() {
        clients.values().forEach(LiveClient::close);
        clients.clear();
    }
}
