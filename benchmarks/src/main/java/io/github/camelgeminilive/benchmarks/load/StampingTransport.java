package io.github.camelgeminilive.benchmarks.load;

import java.nio.charset.StandardCharsets;
import java.util.Queue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;

import io.github.camelgeminilive.transport.ConnectRequest;
import io.github.camelgeminilive.transport.WebSocketConnection;
import io.github.camelgeminilive.transport.WebSocketHandler;
import io.github.camelgeminilive.transport.WebSocketTransport;

/**
 * The client's own transport with a stopwatch on the I/O thread: every received model-audio message is stamped
 * the moment the WebSocket layer hands it over, so the listener can tell the latency the client adds (parse, fan
 * out, two hand-offs to the shared pool) exactly. The emulator's audio messages start with
 * {@code {"serverContent":{"modelTurn":} and each becomes exactly one audio event, so stamps and audio events pair
 * up in order. The stamp queue of a connection is taken from {@link #NEXT} on the thread that connects.
 */
final class StampingTransport implements WebSocketTransport {

    /** Set by the opener around {@code LiveClient.connect}, which asks the transport on the same thread. */
    static final ThreadLocal<Queue<Long>> NEXT = new ThreadLocal<>();

    private static final byte[] AUDIO_PREFIX = "{\"serverContent\":{\"modelTurn\":".getBytes(StandardCharsets.US_ASCII);

    private final WebSocketTransport delegate;

    StampingTransport(WebSocketTransport delegate) {
        this.delegate = delegate;
    }

    static Queue<Long> newStamps() {
        return new ConcurrentLinkedQueue<>();
    }

    @Override
    public CompletableFuture<WebSocketConnection> connect(ConnectRequest request, WebSocketHandler handler) {
        Queue<Long> stamps = NEXT.get();
        return delegate.connect(request, stamps == null ? handler : new WebSocketHandler() {
            @Override
            public void onText(String text) {
                handler.onText(text);
            }

            @Override
            public void onBinary(byte[] data) {
                if (isAudio(data)) {
                    stamps.add(System.nanoTime());
                }
                handler.onBinary(data);
            }

            @Override
            public void onClose(int code, String reason, Throwable error) {
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
