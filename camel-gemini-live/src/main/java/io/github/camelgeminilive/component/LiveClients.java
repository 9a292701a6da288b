package io.github.camelgeminilive.component;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import io.github.camelgeminilive.session.LiveClient;

/** One {@link LiveClient} per distinct {@link LiveClientKey}, created on first use, closed together. */
final class LiveClients implements AutoCloseable {

    private final Map<LiveClientKey, LiveClient> clients = new ConcurrentHashMap<>();

    LiveClient get(LiveClientKey key) {
        return clients.computeIfAbsent(key, k -> LiveClient.create(k.toConnectionOptions()));
    }

    @Override
    public void close() {
        clients.values().forEach(LiveClient::close);
        clients.clear();
    }
}
