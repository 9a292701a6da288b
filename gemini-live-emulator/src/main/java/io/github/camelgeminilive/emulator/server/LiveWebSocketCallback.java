package io.github.camelgeminilive.emulator.server;

import java.util.Optional;

import io.undertow.websockets.WebSocketConnectionCallback;
import io.undertow.websockets.core.WebSocketChannel;
import io.undertow.websockets.spi.WebSocketHttpExchange;

/** Accepts upgraded connections of one endpoint; like the real service, rejects credentials after the upgrade. */
final class LiveWebSocketCallback implements WebSocketConnectionCallback {

    private final LiveEndpoint endpoint;
    private final LiveServices services;

    LiveWebSocketCallback(LiveEndpoint endpoint, LiveServices services) {
        this.endpoint = endpoint;
        this.services = services;
    }

    @Override
    public void onConnect(WebSocketHttpExchange exchange, WebSocketChannel channel) {
        LiveConnection connection = new LiveConnection(channel, services);
        connection.start();
        Optional<String> credential = endpoint.credential(exchange);
        if (credential.isEmpty()) {
            connection.close(ProtocolViolation.POLICY, "Missing credential: " + endpoint.credentialHint());
        } else if (!services.credentials().accepts(credential.get())) {
            connection.close(ProtocolViolation.POLICY, "API key not valid. Please pass a valid API key.");
        } else {
            connection.authenticated(credential.get());
        }
    }
}
