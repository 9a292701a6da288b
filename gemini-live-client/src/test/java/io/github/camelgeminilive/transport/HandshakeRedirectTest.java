package io.github.camelgeminilive.transport;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import io.github.camelgeminilive.testing.ScriptedServer;

/**
 * A server that answers the WebSocket handshake with a redirect does not get the credential sent on to where it
 * points (Undertow follows redirects and would run the handshake again, headers and all, possibly in plain text).
 */
class HandshakeRedirectTest {

    private static final String KEY = "redirect-secret-key-9";

    private final ExecutorService threads = Executors.newFixedThreadPool(2);
    private ScriptedServer target;
    private UndertowTransport transport;

    @AfterEach
    void stop() {
        if (transport != null) {
            transport.close();
        }
        if (target != null) {
            target.close();
        }
        threads.shutdownNow();
    }

    @Test
    void theCredentialIsNotSentToWhereARedirectPoints() throws Exception {
        target = new ScriptedServer(null, (ch, text) -> {});
        try (ServerSocket redirector = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            CompletableFuture<String> firstRequest = CompletableFuture.supplyAsync(
                    () -> redirectOnce(redirector, target.baseUrl("127.0.0.1") + "/elsewhere"), threads);
            ConnectionOptions options = ConnectionOptions.geminiApi(
                    java.net.URI.create("ws://127.0.0.1:" + redirector.getLocalPort()), () -> KEY);
            transport = new UndertowTransport(options, threads);

            CompletableFuture<WebSocketConnection> connect = transport.connect(HandshakeRequest.of(options),
                    new WebSocketHandler() {
                        @Override
                        public void onText(String text) {
                        }

                        @Override
                        public void onBinary(byte[] data) {
                        }

                        @Override
                        public void onClose(int code, String reason, Throwable error) {
                        }
                    });

            assertThatThrownBy(() -> connect.get(10, TimeUnit.SECONDS)).isInstanceOf(ExecutionException.class)
                    .cause().isInstanceOf(TransportException.class)
                    .hasMessageContaining("redirected").hasMessageNotContaining(KEY);
            assertThat(firstRequest.get(10, TimeUnit.SECONDS)).contains("x-goog-api-key: " + KEY);
        }
        // the redirect target may see a handshake, but never the key
        assertThat(target.apiKeyHeaders).allSatisfy(key -> assertThat(key).isEmpty());
    }

    /** Reads one HTTP request and answers it with a 302 to {@code location}; returns the request's head. */
    private static String redirectOnce(ServerSocket server, String location) {
        try (Socket socket = server.accept()) {
            InputStream in = socket.getInputStream();
            ByteArrayOutputStream head = new ByteArrayOutputStream();
            while (!head.toString(StandardCharsets.ISO_8859_1).endsWith("\r\n\r\n")) {
                int b = in.read();
                if (b < 0) {
                    break;
                }
                head.write(b);
            }
            OutputStream out = socket.getOutputStream();
            out.write(("HTTP/1.1 302 Found\r\nLocation: " + location + "\r\nContent-Length: 0\r\n"
                    + "Connection: close\r\n\r\n").getBytes(StandardCharsets.ISO_8859_1));
            out.flush();
            return head.toString(StandardCharsets.ISO_8859_1);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
