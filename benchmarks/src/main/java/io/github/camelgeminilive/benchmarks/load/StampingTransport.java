package io.github.camelgeminilive.benchmarks.load;

import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Queue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.function.Supplier;

import io.github.camelgeminilive.protocol.LiveJson;
import io.github.camelgeminilive.protocol.ServerMessage;
import io.github.camelgeminilive.transport.HandshakeRequest;
import io.github.camelgeminilive.transport.WebSocketConnection;
import io.github.camelgeminilive.transport.WebSocketHandler;
import io.github.camelgeminilive.transport.WebSocketTransport;

/**
 * The client's own transport with a stopwatch on the I/O thread: every received model-audio message is stamped
 * the moment the WebSocket layer hands it over (see {@link RouteDelays}). The emulator's audio messages start with
 * {@code {"serverContent":{"modelTurn":}. A connection's stamps are kept under the session id of its
 * {@code setupComplete}, the service's first message and the only one this wrapper parses, so any session on top
 * (plain, resilient, a Camel route's) finds them by its {@code sessionId()}.
 */
final class StampingTransport implements WebSocketTransport {

    private static final byte[] AUDIO_PREFIX = "{\"serverContent\":{\"modelTurn\":".getBytes(StandardCharsets.US_ASCII);

    private final WebSocketTransport delegate;
    private final Map<String, Queue<Long>> stamps;

    /** Keeps each connection's stamps in {@code stamps} (shared with other transports) while it is open. */
    StampingTransport(WebSocketTransport delegate, Map<String, Queue<Long>> stamps) {
        this.delegate = delegate;
        this.stamps = stamps;
    }

    @Override
    public CompletableFuture<WebSocketConnection> connect(HandshakeRequest request, WebSocketHandler handler) {
        return delegate.connect(request, new WebSocketHandler() {
            private final Queue<Long> queue = new ConcurrentLinkedQueue<>();
            /** Set on the I/O thread; read by onClose, which a failure may call on another thread. */
            private volatile String sessionId;
            private boolean first = true;

            @Override
            public void onText(String text) {
                if (first) {
                    register(() -> LiveJson.get().readServer(text));
                }
                handler.onText(text);
            }

            @Override
            public void onBinary(byte[] data) {
                if (first) {
                    register(() -> LiveJson.get().readServer(data));
                } else if (isAudio(data)) {
                    queue.add(System.nanoTime());
                }
                handler.onBinary(data);
            }

            /** The first message: a setupComplete names the session (anything else: this connection is not timed). */
            private void register(Supplier<ServerMessage> parse) {
                first = false;
                String id;
                try {
                    ServerMessage m = parse.get();
                    id = m.setupComplete() == null ? null : m.setupComplete().sessionId();
                } catch (RuntimeException e) {
                    id = null; // the session reports the bad message itself
                }
                if (id != null) {
                    stamps.put(id, queue); // a resumed session's new connection replaces the old one
                    sessionId = id;
                }
            }

            @Override
            public void onClose(int code, String reason, Throwable error) {
                String id = sessionId;
                if (id != null) {
                    stamps.remove(id, queue);
                }
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
