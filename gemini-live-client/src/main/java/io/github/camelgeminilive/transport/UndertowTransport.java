package io.github.camelgeminilive.transport;

import java.io.IOException;
import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.Executor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;

import javax.net.ssl.SSLContext;

import jakarta.websocket.ClientEndpointConfig;
import jakarta.websocket.HandshakeResponse;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.xnio.OptionMap;
import org.xnio.Options;
import org.xnio.Xnio;
import org.xnio.XnioWorker;

import io.undertow.server.DefaultByteBufferPool;
import io.undertow.servlet.util.DefaultClassIntrospector;
import io.undertow.websockets.jsr.DefaultWebSocketClientSslProvider;
import io.undertow.websockets.jsr.ServerWebSocketContainer;

/**
 * {@link WebSocketTransport} on Undertow's Jakarta WebSocket client: one XNIO worker and one container for all
 * connections. Handlers run on the I/O threads (no dispatch), so they must return quickly.
 */
public final class UndertowTransport implements WebSocketTransport {

    private static final Logger LOG = LoggerFactory.getLogger(UndertowTransport.class);

    /** Undertow logs the full connection URI here at DEBUG, before any handshake. */
    static final String URI_LOGGER = "io.undertow.websockets.core.request";
    private static final String REDIRECTED = "the server redirected the WebSocket handshake; credentials go only to"
            + " the configured base URL, so the redirect is not followed";

    private final ConnectionOptions options;
    private final Executor connectExecutor;
    private final XnioWorker worker;
    private final ServerWebSocketContainer container;
    private final ClientTls tls;

    /**
     * @param options         TLS trust, timeouts and message size for every connection
     * @param connectExecutor runs the (blocking) WebSocket handshakes; never an I/O thread
     */
    public UndertowTransport(ConnectionOptions options, Executor connectExecutor) {
        this.options = options;
        this.connectExecutor = connectExecutor;
        this.tls = new ClientTls(options.trustStore(), options.trustStorePassword());
        int cpus = Runtime.getRuntime().availableProcessors();
        try {
            this.worker = Xnio.getInstance().createWorker(OptionMap.builder()
                    .set(Options.WORKER_NAME, "gemini-live-io")
                    .set(Options.THREAD_DAEMON, true)
                    .set(Options.WORKER_IO_THREADS, Math.max(2, Math.min(4, cpus)))
                    .getMap());
        } catch (IOException e) {
            throw new TransportException("Cannot start WebSocket I/O threads: " + e.getMessage(), e);
        }
        // heap buffers: the JDK's AES-GCM takes its fast (intrinsic) path on arrays, a slower one on direct buffers
        this.container = new ServerWebSocketContainer(DefaultClassIntrospector.INSTANCE,
                UndertowTransport.class.getClassLoader(), () -> worker,
                new DefaultByteBufferPool(false, 16 * 1024), List.of(), false, null, null);
        container.setDefaultMaxBinaryMessageBufferSize(options.maxMessageBytes());
        container.setDefaultMaxTextMessageBufferSize(options.maxMessageBytes());
    }

    @Override
    public CompletableFuture<WebSocketConnection> connect(HandshakeRequest request, WebSocketHandler handler) {
        if (request.secretInUri() && org.jboss.logging.Logger.getLogger(URI_LOGGER).isDebugEnabled()) {
            return CompletableFuture.failedFuture(new TransportException("Not connecting to "
                    + request.displayUri() + ": logger " + URI_LOGGER + " is at DEBUG and would write the access "
                    + "token in this URL to the log; set that logger to INFO", null));
        }
        CompletableFuture<WebSocketConnection> result = new CompletableFuture<>();
        connectExecutor.execute(() -> {
            UndertowConnection connection = new UndertowConnection(handler, options.maxMessageBytes(),
                    options.maxOutgoingBytes());
            ClientTls.Attempt attempt = tls.newAttempt();
            Handshakes handshakes = new Handshakes(request);
            try {
                LOG.debug("Connecting to {}", request.displayUri());
                resolve(request.uri());
                container.connectToServer(connection, endpointConfig(handshakes, attempt.context()), request.uri());
                if (handshakes.redirected()) {
                    connection.abort();
                    throw new IllegalStateException(REDIRECTED);
                }
                if (!result.complete(connection)) {
                    connection.abort(); // timed out meanwhile: nobody will use it
                }
            } catch (UnknownHostException e) {
                result.completeExceptionally(new TransportException("Cannot connect: cannot resolve host '"
                        + request.uri().getHost() + "'; check the host of the base URL", e));
            } catch (Exception | LinkageError e) {
                String why = attempt.rejection() != null
                        ? "TLS certificate rejected: " + attempt.rejection().getMessage()
                        : handshakes.redirected() ? REDIRECTED : rootMessage(e);
                result.completeExceptionally(new TransportException("Cannot connect to " + request.displayUri()
                        + ": " + request.redact(why), safeCause(request, e)));
            }
        });
        // the handshake's own timeout counts in whole seconds; this one is exact
        return result.orTimeout(options.connectTimeout().toMillis(), TimeUnit.MILLISECONDS)
                .exceptionallyCompose(e -> CompletableFuture.failedFuture(
                        unwrap(e) instanceof TimeoutException
                                ? new TransportException("Cannot connect to " + request.displayUri()
                                        + ": no WebSocket handshake within " + options.connectTimeout(), null)
                                : unwrap(e)));
    }

    /**
     * Looks the host up before Undertow does: Undertow hands an unresolved address on, which fails only as "Parameter
     * 'address' may not be null". The JVM caches the answer, so Undertow's own lookup right after is not repeated.
     */
    private static void resolve(URI uri) throws UnknownHostException {
        InetAddress.getByName(uri.getHost());
    }

    private static Throwable unwrap(Throwable e) {
        return e instanceof CompletionException && e.getCause() != null ? e.getCause() : e;
    }

    /**
     * The handshake requests of one attempt. Undertow follows an HTTP redirect of the handshake by running it again
     * against the new location, asking this configurator for the headers again: only the first request, to the
     * configured URL, gets the credential, so a redirect (even to plain {@code ws} elsewhere) never carries it.
     */
    private static final class Handshakes extends ClientEndpointConfig.Configurator {
        private final HandshakeRequest request;
        private final AtomicInteger requests = new AtomicInteger();

        Handshakes(HandshakeRequest request) {
            this.request = request;
        }

        @Override
        public void beforeRequest(Map<String, List<String>> headers) {
            if (requests.incrementAndGet() == 1) {
                request.headers().forEach((name, value) -> headers.put(name, List.of(value)));
            }
        }

        @Override
        public void afterResponse(HandshakeResponse response) {
        }

        boolean redirected() {
            return requests.get() > 1;
        }
    }

    private ClientEndpointConfig endpointConfig(Handshakes handshakes, SSLContext sslContext) {
        ClientEndpointConfig config = ClientEndpointConfig.Builder.create()
                .configurator(handshakes)
                .build();
        config.getUserProperties().put(DefaultWebSocketClientSslProvider.SSL_CONTEXT, sslContext);
        long seconds = Math.max(1, (options.connectTimeout().toMillis() + 999) / 1000);
        config.getUserProperties().put(ServerWebSocketContainer.TIMEOUT,
                (int) Math.min(Integer.MAX_VALUE, seconds));
        return config;
    }

    /** The innermost message, which names the real problem (e.g. the certificate check). */
    private static String rootMessage(Throwable e) {
        Throwable t = e;
        while (t.getCause() != null && t.getCause() != t) {
            t = t.getCause();
        }
        String text = t.getMessage() == null ? t.getClass().getSimpleName() : t.getMessage();
        return t == e ? text : e.getClass().getSimpleName() + ": " + text;
    }

    /** The cause is kept only when none of its texts shows a secret. */
    private static Throwable safeCause(HandshakeRequest request, Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause() == t ? null : t.getCause()) {
            String text = String.valueOf(t);
            if (!request.redact(text).equals(text)) {
                return null;
            }
        }
        return e;
    }

    @Override
    public void close() {
        container.close();
        worker.shutdown();
        try {
            if (!worker.awaitTermination(5, TimeUnit.SECONDS)) {
                worker.shutdownNow();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            worker.shutdownNow();
        }
    }
}
