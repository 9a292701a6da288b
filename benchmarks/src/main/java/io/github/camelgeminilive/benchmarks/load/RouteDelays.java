package io.github.camelgeminilive.benchmarks.load;

import java.util.Map;
import java.util.Queue;
import java.util.concurrent.ConcurrentHashMap;

import io.github.camelgeminilive.session.LiveClient;
import io.github.camelgeminilive.transport.ConnectionOptions;
import io.github.camelgeminilive.transport.UndertowTransport;

/**
 * The route delay of every model-audio message: the WebSocket layer hands it over on the I/O thread -> the listener
 * (or a Camel route's processor) has its audio event, which covers parse, fan-out and every hand-off to the
 * delivering threads, whatever the session kind. Clients made by {@link #client} stamp each audio message on the I/O
 * thread ({@link StampingTransport}); each message becomes exactly one audio event, in order, so the k-th stamp of
 * a session pairs with its k-th audio event.
 */
final class RouteDelays {

    private final Map<String, Queue<Long>> stamps = new ConcurrentHashMap<>();

    /** A client on Undertow, as {@code LiveClient.create(options)}, whose connections are stamped. */
    LiveClient client(ConnectionOptions options) {
        return LiveClient.create(options, pool -> new StampingTransport(new UndertowTransport(options, pool), stamps));
    }

    /**
     * Called on the delivery of an audio event of session {@code sessionId} (null: its setupComplete carried none):
     * tells {@code listener} its delay.
     */
    void audioDelivered(String sessionId, LoadClient.LoadListener listener) {
        Queue<Long> queue = sessionId == null ? null : stamps.get(sessionId);
        Long stamp = queue == null ? null : queue.poll();
        if (stamp != null) {
            listener.routeDelay(System.nanoTime() - stamp);
        }
    }
}
