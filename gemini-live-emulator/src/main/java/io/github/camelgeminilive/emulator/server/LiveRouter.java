package io.github.camelgeminilive.emulator.server;

import java.util.EnumMap;
import java.util.Map;
import java.util.Optional;

import io.github.camelgeminilive.protocol.LiveApiMethod;
import io.undertow.server.HttpHandler;
import io.undertow.server.HttpServerExchange;
import io.undertow.util.Headers;
import io.undertow.util.StatusCodes;
import io.undertow.websockets.WebSocketProtocolHandshakeHandler;

/** The emulator's root handler: the Live API's WebSocket paths, the admin API under {@code /emulator/}. */
final class LiveRouter implements HttpHandler {

    /** Path prefix of the admin API. */
    static final String ADMIN_PREFIX = "/emulator/";

    private final Map<LiveApiMethod, HttpHandler> endpoints = new EnumMap<>(LiveApiMethod.class);
    private final HttpHandler admin;

    /** A router for the sessions of {@code services}, with {@code admin} serving {@link #ADMIN_PREFIX}. */
    LiveRouter(LiveServices services, HttpHandler admin) {
        this.admin = admin;
        for (LiveApiMethod m : LiveApiMethod.values()) {
            endpoints.put(m, new WebSocketProtocolHandshakeHandler(
                    new LiveWebSocketCallback(CredentialSource.of(m), services),
                    exchange -> respond(exchange, StatusCodes.BAD_REQUEST,
                            "This is a WebSocket endpoint: send a WebSocket upgrade request")));
        }
    }

    @Override
    public void handleRequest(HttpServerExchange exchange) throws Exception {
        String path = exchange.getRequestPath();
        if (path.startsWith(ADMIN_PREFIX)) {
            admin.handleRequest(exchange);
            return;
        }
        Optional<LiveApiMethod> method = LiveApiMethod.forPath(path);
        if (method.isPresent()) {
            endpoints.get(method.get()).handleRequest(exchange);
        } else {
            respond(exchange, StatusCodes.NOT_FOUND, "No Live API endpoint at " + path);
        }
    }

    private static void respond(HttpServerExchange exchange, int status, String text) {
        exchange.setStatusCode(status);
        exchange.getResponseHeaders().put(Headers.CONTENT_TYPE, "text/plain; charset=UTF-8");
        exchange.getResponseSender().send(text);
    }
}
