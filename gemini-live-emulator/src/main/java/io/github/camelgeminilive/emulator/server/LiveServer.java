package io.github.camelgeminilive.emulator.server;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;

import javax.net.ssl.SSLContext;

import org.xnio.IoUtils;
import org.xnio.Options;

import io.github.camelgeminilive.emulator.EmulatorAdmin;
import io.github.camelgeminilive.emulator.admin.AdminHttpHandler;
import io.github.camelgeminilive.emulator.model.EmulatorSettings;
import io.github.camelgeminilive.emulator.model.ModelEngine;
import io.github.camelgeminilive.protocol.ModelRulesTable;
import io.undertow.Undertow;
import io.undertow.server.HttpHandler;
import io.undertow.server.ServerConnection;

/**
 * The emulator's server: the sessions and counters, which live as long as it does, and an Undertow listener for
 * the Live API endpoints and the admin API, which can be stopped (as if the process crashed) and started again on
 * the same port. One shared timer pool for the model.
 */
public final class LiveServer implements AutoCloseable {

    private final String host;
    private final SSLContext tls;
    private final HttpHandler root;
    private final ScheduledExecutorService scheduler;
    private final SessionDirectory directory;
    private final LiveConnections connections;
    private final EmulatorAdmin admin;
    private int port;
    private Undertow undertow;

    private LiveServer(String host, int port, SSLContext tls, CredentialPolicy credentials, ModelEngine engine,
            EmulatorSettings settings, long maxMessageBytes, Duration setupDelay) {
        this.host = host;
        this.port = port;
        this.tls = tls;
        this.scheduler = newScheduler();
        this.directory = new SessionDirectory(settings.limits().concurrentSessions());
        this.connections = new LiveConnections(setupDelay);
        this.admin = new DirectoryAdmin(directory, connections);
        LiveServices services = new LiveServices(directory, engine, credentials,
                new SetupValidator(ModelRulesTable.defaults()), scheduler, settings, connections, maxMessageBytes);
        this.root = refusingWhenStopped(new LiveRouter(services, new AdminHttpHandler(admin, host)));
    }

    /** A request that reaches a stopping listener is cut before any handshake, as a closed port would refuse it. */
    private HttpHandler refusingWhenStopped(HttpHandler next) {
        return exchange -> {
            if (connections.isAdmitting()) {
                next.handleRequest(exchange);
                return;
            }
            ServerConnection connection = exchange.getConnection();
            try {
                connection.setOption(Options.CLOSE_ABORT, true);
            } catch (IOException | IllegalArgumentException e) {
                // closed plainly below: still no response
            }
            IoUtils.safeClose(connection);
        };
    }

    /**
     * Starts a server.
     *
     * @param host            address to bind
     * @param port            port to bind, 0 for an ephemeral one
     * @param tls             the server TLS context, or null for plain ws/http
     * @param credentials     the accepted keys
     * @param engine          the simulated model
     * @param settings        model settings
     * @param maxMessageBytes the largest client message read; a larger one closes its connection with 1009
     * @param setupDelay      how long each connection waits before its setup is read (a slow handshake)
     */
    public static LiveServer start(String host, int port, SSLContext tls, CredentialPolicy credentials,
            ModelEngine engine, EmulatorSettings settings, long maxMessageBytes, Duration setupDelay) {
        LiveServer server = new LiveServer(host, port, tls, credentials, engine, settings, maxMessageBytes,
                setupDelay);
        try {
            server.listen();
        } catch (RuntimeException e) {
            server.scheduler.shutdownNow();
            throw e;
        }
        return server;
    }

    /** The bound port; after the first start it stays the same across {@link #stop()} and {@link #listen()}. */
    public synchronized int port() {
        return port;
    }

    public EmulatorAdmin admin() {
        return admin;
    }

    public synchronized boolean isListening() {
        return undertow != null;
    }

    /**
     * Listens (again) on the port; sessions, handles and counters are as {@link #stop()} left them.
     *
     * @throws IllegalStateException when already listening
     * @throws RuntimeException      when the port cannot be bound
     */
    public synchronized void listen() {
        if (undertow != null) {
            throw new IllegalStateException("The emulator is already listening on port " + port);
        }
        Undertow.Builder builder = Undertow.builder()
                .setHandler(root)
                // a restart binds the port its predecessor just released
                .setSocketOption(Options.REUSE_ADDRESSES, true);
        if (tls == null) {
            builder.addHttpListener(port, host);
        } else {
            builder.addHttpsListener(port, host, tls);
        }
        Undertow started = builder.build();
        connections.admit();
        started.start();
        undertow = started;
        port = ((InetSocketAddress) started.getListenerInfo().get(0).getAddress()).getPort();
    }

    /**
     * Crashes, as far as clients can tell: new requests are refused first, then every connection is cut without a
     * close frame and the port is released, so a client that reconnects at once finds the emulator down. Sessions,
     * handles and counters are kept for {@link #listen()}. Does nothing when not listening.
     */
    public synchronized void stop() {
        if (undertow == null) {
            return;
        }
        connections.refuseAndAbortAll();
        undertow.stop();
        undertow = null;
    }

    /** Closes open sessions with 1001 (going away), gives their clients a moment to answer, then stops for good. */
    @Override
    public synchronized void close() {
        if (undertow != null) {
            closeSessions();
            connections.refuseAndAbortAll();
            undertow.stop();
            undertow = null;
        }
        scheduler.shutdownNow();
    }

    private void closeSessions() {
        List<CompletableFuture<Void>> closing = new ArrayList<>();
        for (EmulatedSession session : directory.all()) {
            session.openConnection().filter(c -> !c.isFrozen()).ifPresent(c -> {
                c.close(1001, "emulator shutting down");
                closing.add(c.channelClosed());
            });
        }
        try {
            CompletableFuture.allOf(closing.toArray(CompletableFuture[]::new)).get(1, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (ExecutionException | TimeoutException e) {
            // clients that do not answer in time are cut off below
        }
    }

    private static ScheduledExecutorService newScheduler() {
        AtomicInteger n = new AtomicInteger();
        ThreadFactory threads = r -> {
            Thread t = new Thread(r, "gemini-live-emulator-timer-" + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        };
        ScheduledThreadPoolExecutor pool = new ScheduledThreadPoolExecutor(
                Math.max(2, Runtime.getRuntime().availableProcessors() / 2), threads);
        pool.setRemoveOnCancelPolicy(true);
        return pool;
    }
}
