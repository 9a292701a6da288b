package io.github.camelgeminilive.emulator.server;

import java.io.ByteArrayOutputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

import io.github.camelgeminilive.protocol.LiveJson;
import io.github.camelgeminilive.protocol.ServerMessage;

/** A real WebSocket client (the JDK's) that records frames and the close, for tests. */
final class WsTestClient implements WebSocket.Listener, AutoCloseable {

    static final Duration TIMEOUT = Duration.ofSeconds(10);

    /** One received frame. */
    record Frame(boolean binary, String json) {
        ServerMessage message() {
            return LiveJson.get().readServer(json);
        }
    }

    /** The close frame the server sent. */
    record Close(int code, String reason) {
    }

    final BlockingQueue<Frame> frames = new LinkedBlockingQueue<>();
    final CompletableFuture<Close> closed = new CompletableFuture<>();
    final CompletableFuture<Throwable> error = new CompletableFuture<>();
    private final Map<String, CompletableFuture<Void>> pongs = new ConcurrentHashMap<>();
    private final ByteArrayOutputStream partial = new ByteArrayOutputStream();
    private WebSocket ws;

    static WsTestClient connect(URI uri, Map<String, String> headers) {
        return connect(HttpClient.newHttpClient(), uri, headers);
    }

    static WsTestClient connect(HttpClient http, URI uri, Map<String, String> headers) {
        WsTestClient client = new WsTestClient();
        WebSocket.Builder b = http.newWebSocketBuilder().connectTimeout(TIMEOUT);
        headers.forEach(b::header);
        client.ws = b.buildAsync(uri, client).orTimeout(TIMEOUT.toSeconds(), TimeUnit.SECONDS).join();
        return client;
    }

    void send(String json) {
        sendAsync(json, true).join();
    }

    /** Sends a text frame, the last of its message or not; completes when the frame is written. */
    CompletableFuture<WebSocket> sendAsync(String text, boolean last) {
        return ws.sendText(text, last);
    }

    void sendBinary(String json) {
        ws.sendBinary(ByteBuffer.wrap(json.getBytes(StandardCharsets.UTF_8)), true).join();
    }

    /** Sends a ping; the future completes when the pong echoing {@code payload} arrives. */
    CompletableFuture<Void> ping(String payload) {
        CompletableFuture<Void> pong = pongs.computeIfAbsent(payload, p -> new CompletableFuture<>());
        ws.sendPing(ByteBuffer.wrap(payload.getBytes(StandardCharsets.UTF_8))).join();
        return pong;
    }

    Frame nextFrame() throws InterruptedException {
        Frame f = frames.poll(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
        if (f == null) {
            throw new AssertionError("No server message within " + TIMEOUT + (closed.isDone()
                    ? "; connection closed with " + closed.getNow(null) : ""));
        }
        return f;
    }

    ServerMessage next() throws InterruptedException {
        return nextFrame().message();
    }

    /** Skips messages until one matches. */
    ServerMessage next(Predicate<ServerMessage> wanted) throws InterruptedException {
        while (true) {
            ServerMessage m = next();
            if (wanted.test(m)) {
                return m;
            }
        }
    }

    Close awaitClose() {
        return closed.orTimeout(TIMEOUT.toSeconds(), TimeUnit.SECONDS).join();
    }

    /** Closes from the client side and waits until the server answered the close. */
    void closeNormally() {
        ws.sendClose(WebSocket.NORMAL_CLOSURE, "bye").join();
        awaitClose();
    }

    @Override
    public void onOpen(WebSocket webSocket) {
        webSocket.request(1);
    }

    @Override
    public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
        partial.writeBytes(data.toString().getBytes(StandardCharsets.UTF_8));
        if (last) {
            frames.add(new Frame(false, drain()));
        }
        webSocket.request(1);
        return null;
    }

    @Override
    public CompletionStage<?> onBinary(WebSocket webSocket, ByteBuffer data, boolean last) {
        byte[] bytes = new byte[data.remaining()];
        data.get(bytes);
        partial.writeBytes(bytes);
        if (last) {
            frames.add(new Frame(true, drain()));
        }
        webSocket.request(1);
        return null;
    }

    @Override
    public CompletionStage<?> onPong(WebSocket webSocket, ByteBuffer message) {
        String payload = StandardCharsets.UTF_8.decode(message).toString();
        CompletableFuture<Void> pong = pongs.get(payload);
        if (pong != null) {
            pong.complete(null);
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
        this.error.complete(error);
        closed.completeExceptionally(error);
    }

    private String drain() {
        String s = partial.toString(StandardCharsets.UTF_8);
        partial.reset();
        return s;
    }

    /** Ends the connection with a close handshake when it is still open, then releases it. */
    @Override
    public void close() {
        if (ws == null) {
            return;
        }
        if (!ws.isOutputClosed() && !closed.isDone()) {
            try {
                ws.sendClose(WebSocket.NORMAL_CLOSURE, "").get(TIMEOUT.toSeconds(), TimeUnit.SECONDS);
                closed.get(TIMEOUT.toSeconds(), TimeUnit.SECONDS);
            } catch (Exception e) {
                // the server may already be gone: abort below
            }
        }
        ws.abort();
    }
}
