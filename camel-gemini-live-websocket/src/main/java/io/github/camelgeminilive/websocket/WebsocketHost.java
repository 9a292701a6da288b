package io.github.camelgeminilive.websocket;

import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.xnio.Options;

import io.undertow.Undertow;
import io.undertow.server.HttpHandler;
import io.undertow.server.HttpServerExchange;
import io.undertow.util.Headers;
import io.undertow.util.StatusCodes;

/**
 * One Undertow server on a host and port, shared by the consumers there: routes each request by its exact path to
 * the WebSocket consumer (upgrade requests) or the HTTP consumer of that path.
 */
final class WebsocketHost implements HttpHandler {

    private static final Logger LOG = LoggerFactory.getLogger(WebsocketHost.class);
    /** How long a stopping consumer waits for its connections' close handshakes. */
    private static final long CLOSE_WAIT_MILLIS = 3_000;

    private final HostKey key;
    private final int ioThreads;
    private final Map<String, GeminiLiveWebsocketConsumer> websockets = new ConcurrentHashMap<>();
    private final Map<String, GeminiLiveWebsocketConsumer> https = new ConcurrentHashMap<>();
    private Undertow undertow;
    private volatile int localPort = -1;

    WebsocketHost(HostKey key, int ioThreads) {
        this.key = key;
        this.ioThreads = ioThreads;
    }

    /** Adds a consumer; a path has one WebSocket and one HTTP consumer at most. */
    void add(GeminiLiveWebsocketConsumer consumer) {
        GeminiLiveWebsocketEndpoint endpoint = consumer.getEndpoint();
        Map<String, GeminiLiveWebsocketConsumer> byPath = endpoint.isHttp() ? https : websockets;
        if (byPath.putIfAbsent(endpoint.getPath(), consumer) != null) {
            throw new IllegalStateException("Another route already consumes " + endpoint.getServiceUrl());
        }
    }

    /** Removes a consumer, closing its connections (1001); true when it was the last one of the server. */
    boolean remove(GeminiLiveWebsocketConsumer consumer) {
        GeminiLiveWebsocketEndpoint endpoint = consumer.getEndpoint();
        (endpoint.isHttp() ? https : websockets).remove(endpoint.getPath(), consumer);
        closeAll(consumer);
        return websockets.isEmpty() && https.isEmpty();
    }

    synchronized void start() {
        Undertow server = Undertow.builder()
                .setIoThreads(ioThreads)
                // requests run on the component's pool, not on Undertow's workers
                .setWorkerThreads(1)
                .setSocketOption(Options.REUSE_ADDRESSES, true)
                .addHttpListener(key.port(), key.host())
                .setHandler(this)
                .build();
        server.start();
        undertow = server;
        localPort = ((InetSocketAddress) server.getListenerInfo().get(0).getAddress()).getPort();
        LOG.info("Listening on {}:{}", key.host(), localPort);
    }

    synchronized void stop() {
        websockets.values().forEach(this::closeAll);
        if (undertow != null) {
            undertow.stop();
            undertow = null;
            LOG.info("Stopped listening on {}:{}", key.host(), localPort);
        }
        localPort = -1;
    }

    int localPort() {
        return localPort;
    }

    /** The WebSocket consumer of {@code path}, or null. */
    GeminiLiveWebsocketConsumer websocketConsumer(String path) {
        return websockets.get(path);
    }

    /** The open connection {@code connectionKey} on any path of this server, or null. */
    WebsocketConnection connection(String connectionKey) {
        for (GeminiLiveWebsocketConsumer consumer : websockets.values()) {
            WebsocketConnection c = consumer.connection(connectionKey);
            if (c != null) {
                return c;
            }
        }
        return null;
    }

    @Override
    public void handleRequest(HttpServerExchange exchange) throws Exception {
        String path = exchange.getRequestPath();
        GeminiLiveWebsocketConsumer websocket = websockets.get(path);
        if (websocket != null && isUpgrade(exchange)) {
            websocket.upgrade(exchange);
            return;
        }
        GeminiLiveWebsocketConsumer http = https.get(path);
        if (http != null) {
            http.request(exchange);
        } else if (websocket != null) {
            HttpRequests.respond(exchange, StatusCodes.BAD_REQUEST,
                    "This is a WebSocket endpoint: send a WebSocket upgrade request");
        } else {
            HttpRequests.respond(exchange, StatusCodes.NOT_FOUND, "Nothing is served at " + path);
        }
    }

    private static boolean isUpgrade(HttpServerExchange exchange) {
        return "websocket".equalsIgnoreCase(exchange.getRequestHeaders().getFirst(Headers.UPGRADE));
    }

    private void closeAll(GeminiLiveWebsocketConsumer consumer) {
        List<CompletableFuture<Void>> closing = new ArrayList<>();
        for (WebsocketConnection c : consumer.connections()) {
            c.close(WebsocketConnection.GOING_AWAY, "the route stopped", true, error -> {
            });
            closing.add(c.closed());
        }
        try {
            CompletableFuture.allOf(closing.toArray(CompletableFuture[]::new)).get(CLOSE_WAIT_MILLIS,
                    TimeUnit.MILLISECONDS);
        } catch (TimeoutException | ExecutionException e) {
            LOG.debug("Not every connection of {} closed in time: {}", consumer.getEndpoint(), e.toString());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
