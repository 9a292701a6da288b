package io.github.camelgeminilive.component;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;

import io.github.camelgeminilive.session.LiveClient;
import io.github.camelgeminilive.transport.ConnectionOptions;

/** One {@link LiveClient} per distinct {@link LiveClientKey}, created on first use, closed together. */
final class LiveClients implements AutoCloseable {

    private final Map<LiveClientKey, LiveClient> clients = new ConcurrentHashMap<>();
    private final Function<ConnectionOptions, LiveClient> factory;

    /** Clients made by {@code factory}, e.g. {@code LiveClient::create}. */
    LiveClients(Function<ConnectionOptions, LiveClient> factory) {
        this.factory = factory;
    }

    LiveClient get(LiveClientKey key) {
        return clients.computeIfAbsent(key, k -> factory.apply(k.toConnectionOptions()));
    }

    @Override
    public void close() {
        clients.values().forEach(LiveClient::close);
        clients.clear();
    }
}
