package io.github.camelgeminilive.benchmarks.load;

import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Queue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;

import io.github.camelgeminilive.transport.HandshakeRequest;
import io.github.camelgeminilive.transport.WebSocketConnection;
import io.github.camelgeminilive.transport.WebSocketHandler;
import io.github.camelgeminilive.transport.WebSocketTransport;

/**
 * The client's own transport with a stopwatch on the I/O thread: every received model-audio message is stamped
 * the moment the WebSocket layer hands it over, so the listener can tell the latency the client adds (parse, fan
 * out, two hand-offs to the shared pool) exactly. The emulator's audio messages start with
 * {@code {"serverContent":{"modelTurn":} and each becomes exactly one audio event, so stamps and audio events pair
 * up in order. A connection's stamps are found by its handler, which is the session the client hands back.
 */
final class StampingTransport implements WebSocketTransport {

    private static final byte[] AUDIO_PREFIX = "{\"serverContent\":{\"modelTurn\":".getBytes(StandardCharsets.US_ASCII);

    private final WebSocketTransport delegate;
    private final Map<WebSocketHandler, Queue<Long>> stamps = new ConcurrentHashMap<>();

    StampingTransport(WebSocketTransport delegate) {
        this.delegate = delegate;
    }

    /** The stamps of the connection whose handler is {@code session} (the client's session is its handler). */
    Queue<Long> stampsOf(Object session) {
        return stamps.get(session);
    }

    @Override
    public CompletableFuture<WebSocketConnection> connect(HandshakeRequest request, WebSocketHandler handler) {
        Queue<Long> queue = new ConcurrentLinkedQueue<>();
        stamps.put(handler, queue);
        return delegate.connect(request, new WebSocketHandler() {
            @Override
            public void onText(String text) {
                handler.onText(text);
            }

            @Override
            public void onBinary(byte[] data) {
                if (isAudio(data)) {
                    queue.add(System.nanoTime());
                }
                handler.onBinary(data);
            }

            @Override
            public void onClose(int code, String reason, Throwable error) {
                stamps.remove(handler);
                handler.onClose(code, reason, error);
            }

            @Override
            public void onPong() {
                handler.onPong();
            }
        });
    }

    private static boolean isAudio(byte[] data) {
        if (data.length < AUDIO_PREFIX.length) {
            return false;
        }
        for (int i = 0; i < AUDIO_PREFIX.length; i++) {
            if (data[i] != AUDIO_PREFIX[i]) {
                return false;
            }
        }
        return true;
    }

    @Override
    public void close() {
        delegate.close();
    }
}
