package io.github.camelgeminilive.transport;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.ByteBuffer;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import io.github.camelgeminilive.testing.ScriptedServer;
import io.undertow.websockets.core.WebSockets;

/** The transport's own bounds against a real WebSocket server: received message size, outgoing queue bytes. */
class TransportBoundsTest {

    private static final int LIMIT = 1024 * 1024;

    private final ExecutorService connects = Executors.newSingleThreadExecutor();
    private ScriptedServer server;
    private UndertowTransport transport;

    @AfterEach
    void stop() {
        if (transport != null) {
            transport.close();
        }
        if (server != null) {
            server.close();
        }
        connects.shutdownNow();
    }

    private WebSocketConnection connect(ConnectionOptions options, WebSocketHandler handler) throws Exception {
        transport = new UndertowTransport(options, connects);
        return transport.connect(HandshakeRequest.of(options), handler).get(10, TimeUnit.SECONDS);
    }

    private ConnectionOptions options(int maxMessageBytes, long maxOutgoingBytes) {
        return ConnectionOptions.geminiApi(server.baseUrl("127.0.0.1"), () -> "bounds-key")
                .withLimits(maxMessageBytes, maxOutgoingBytes);
    }

    /** A message over the limit closes the connection with 1009 before it is buffered whole or handed on. */
    @ParameterizedTest
    @ValueSource(strings = {"text", "binary"})
    void anOversizedMessageClosesTheConnectionWith1009(String kind) throws Exception {
        server = new ScriptedServer(null, (ch, text) -> {
            String big = "{\"x\":\"" + "a".repeat(4 * LIMIT) + "\"}";
            if (kind.equals("text")) {
                ScriptedServer.sendText(ch, big);
            } else {
                ScriptedServer.sendBinary(ch, big);
            }
        });
        Recording handler = new Recording();
        WebSocketConnection connection = connect(options(LIMIT, 0), handler);
        connection.sendText("{\"go\":1}".getBytes());

        Closed closed = handler.closed.get(10, TimeUnit.SECONDS);
        assertThat(closed.code()).isEqualTo(1009);
        assertThat(closed.reason()).contains(String.valueOf(LIMIT));
        assertThat(handler.messages).isZero();
    }

    @Test
    void aMessageWithinTheLimitArrives() throws Exception {
        server = new ScriptedServer(null, (ch, text) -> WebSockets.sendBinary(
                ByteBuffer.wrap(new byte[LIMIT]), ch, null));
        Recording handler = new Recording();
        connect(options(LIMIT, 0), handler).sendText("{\"go\":1}".getBytes());

        assertThat(handler.firstBinary.get(10, TimeUnit.SECONDS)).isEqualTo(LIMIT);
        assertThat(handler.closed).isNotDone();
    }

    @Test
    void aSendBeyondTheOutgoingBoundFailsAtOnceAndIsCounted() throws Exception {
        server = new ScriptedServer(null, (ch, text) -> {});
        WebSocketConnection connection = connect(options(0, 3 * 1024 * 1024), new Recording());

        CompletableFuture<Void> tooBig = connection.sendText(new byte[4 * 1024 * 1024]);
        assertThat(tooBig).isCompletedExceptionally();
        assertThatThrownBy(tooBig::join).cause().isInstanceOf(SendRefusedException.class)
                .hasMessageContaining("a frame of 4194304 bytes").hasMessageContaining("bound of 3145728 bytes");
        assertThat(connection.refusedSends()).isEqualTo(1);

        connection.sendText("{\"after\":1}".getBytes()).get(10, TimeUnit.SECONDS);
        assertThat(server.nextReceived()).isEqualTo("{\"after\":1}");
        assertThat(connection.refusedSends()).isEqualTo(1);
    }

    private record Closed(int code, String reason) {
    }

    private static final class Recording implements WebSocketHandler {
        final CompletableFuture<Closed> closed = new CompletableFuture<>();
        final CompletableFuture<Integer> firstBinary = new CompletableFuture<>();
        volatile int messages;

        @Override
        public void onText(String text) {
            messages++;
        }

        @Override
        public void onBinary(byte[] data) {
            messages++;
            firstBinary.complete(data.length);
        }

        @Override
        public void onClose(int code, String reason, Throwable error) {
            closed.complete(new Closed(code, reason));
        }
    }
}
