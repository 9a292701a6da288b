package io.github.camelgeminilive.websocket;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/** A WebSocket client for the tests (the JDK's): what it receives in order, and how the server closed it. */
final class TestPeer implements WebSocket.Listener {

    /** A close frame the server sent. */
    record Close(int code, String reason) {
    }

    static final Duration WAIT = Duration.ofSeconds(10);
    /** One client (one selector thread) for every peer of the test run. */
    private static final HttpClient CLIENT = HttpClient.newBuilder().connectTimeout(WAIT).build();

    private final BlockingQueue<Object> received = new LinkedBlockingQueue<>();
    private final CompletableFuture<Close> closed = new CompletableFuture<>();
    private final StringBuilder text = new StringBuilder();
    private final java.io.ByteArrayOutputStream binary = new java.io.ByteArrayOutputStream();
    private final boolean reading;
    private WebSocket socket;

    private TestPeer(boolean reading) {
        this.reading = reading;
    }

    /** Connects to {@code ws://127.0.0.1:port/pathAndQuery} with {@code headers}; fails as the handshake does. */
    static TestPeer connect(int port, String pathAndQuery, Map<String, String> headers) {
        return connect(port, pathAndQuery, headers, true);
    }

    /** A peer that reads nothing until {@link #read()}: what the server writes backs up in the socket. */
    static TestPeer connectNotReading(int port, String pathAndQuery) {
        return connect(port, pathAndQuery, Map.of(), false);
    }

    private static TestPeer connect(int port, String pathAndQuery, Map<String, String> headers, boolean reading) {
        TestPeer peer = new TestPeer(reading);
        WebSocket.Builder builder = CLIENT.newWebSocketBuilder();
        headers.forEach(builder::header);
        peer.socket = builder.buildAsync(URI.create("ws://127.0.0.1:" + port + pathAndQuery), peer)
                .orTimeout(WAIT.toSeconds(), TimeUnit.SECONDS).join();
        return peer;
    }

    static TestPeer connect(int port, String pathAndQuery) {
        return connect(port, pathAndQuery, Map.of());
    }

    WebSocket socket() {
        return socket;
    }

    void sendText(String message) {
        socket.sendText(message, true).orTimeout(WAIT.toSeconds(), TimeUnit.SECONDS).join();
    }

    void sendBinary(byte[] message) {
        socket.sendBinary(ByteBuffer.wrap(message), true).orTimeout(WAIT.toSeconds(), TimeUnit.SECONDS).join();
    }

    void close() {
        socket.sendClose(WebSocket.NORMAL_CLOSURE, "bye").orTimeout(WAIT.toSeconds(), TimeUnit.SECONDS).join();
    }

    /** The next whole message: a String (text) or byte[] (binary); fails after {@link #WAIT}. */
    Object next() throws InterruptedException {
        Object message = received.poll(WAIT.toSeconds(), TimeUnit.SECONDS);
        if (message == null) {
            throw new AssertionError("Nothing received in " + WAIT);
        }
        return message;
    }

    /** The server's close frame; fails after {@link #WAIT}. */
    Close awaitClose() {
        return closed.orTimeout(WAIT.toSeconds(), TimeUnit.SECONDS).join();
    }

    boolean isClosed() {
        return closed.isDone();
    }

    /** Starts reading (a peer made by {@link #connectNotReading}). */
    void read() {
        socket.request(1);
    }

    @Override
    public void onOpen(WebSocket webSocket) {
        if (reading) {
            webSocket.request(1);
        }
    }

    @Override
    public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
        text.append(data);
        if (last) {
            received.add(text.toString());
            text.setLength(0);
        }
        webSocket.request(1);
        return null;
    }

    @Override
    public CompletionStage<?> onBinary(WebSocket webSocket, ByteBuffer data, boolean last) {
        byte[] part = new byte[data.remaining()];
        data.get(part);
        binary.writeBytes(part);
        if (last) {
            received.add(binary.toByteArray());
            binary.reset();
        }
        webSocket.request(1);
        return null;
    }

    @Override
    public CompletionStage<?> onClose(WebSocket webSocket, int statusCode, String reason) {
        closed.complete(new Close(statusCode, reason));
        return null;
    }

    @Override
    public void onError(WebSocket webSocket, Throwable error) {
        closed.completeExceptionally(error);
    }
}
