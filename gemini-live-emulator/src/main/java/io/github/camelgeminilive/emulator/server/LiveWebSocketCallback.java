package io.github.camelgeminilive.emulator.server;

import java.util.Optional;

import io.undertow.websockets.WebSocketConnectionCallback;
import io.undertow.websockets.core.WebSocketChannel;
import io.undertow.websockets.spi.WebSocketHttpExchange;

/**
 * Accepts upgraded connections of one Live API method. The credential is checked from the handshake before anything
 * is read: like the real service, a bad one is reported after the upgrade (close 1008), but such a connection is
 * never read from.
 */
final class LiveWebSocketCallback implements WebSocketConnectionCallback {

    private final CredentialSource credentialSource;
    private final LiveServices services;

    LiveWebSocketCallback(CredentialSource credentialSource, LiveServices services) {
        this.credentialSource = credentialSource;
        this.services = services;
    }

    @Override
    public void onConnect(WebSocketHttpExchange exchange, WebSocketChannel channel) {
        LiveConnection connection = new LiveConnection(channel, services);
        Optional<String> credential = credentialSource.credential(exchange);
        if (credential.isEmpty()) {
            connection.refuse("Missing credential: " + credentialSource.hint());
        } else if (!services.credentials().accepts(credential.get())) {
            connection.refuse("API key not valid. Please pass a valid API key.");
        } else {
            connection.authenticated(credential.get());
            connection.start();
        }
    }
}
