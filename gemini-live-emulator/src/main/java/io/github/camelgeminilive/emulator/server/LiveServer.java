package io.github.camelgeminilive.emulator.server;

import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.atomic.AtomicInteger;

import javax.net.ssl.SSLContext;

import io.github.camelgeminilive.emulator.EmulatorAdmin;
import io.github.camelgeminilive.emulator.admin.AdminHttpHandler;
import io.github.camelgeminilive.emulator.model.EmulatorSettings;
import io.github.camelgeminilive.emulator.model.ModelEngine;
import io.github.camelgeminilive.protocol.ModelRulesTable;
import io.undertow.Undertow;

/**
 * The running Undertow server: one listener for the Live API endpoints and the admin API, shared I/O and worker
 * threads, and one shared timer pool for the model.
 */
public final class LiveServer implements AutoCloseable {

    private final Undertow undertow;
    private final ScheduledExecutorService scheduler;
    private final SessionRegistry registry;
    private final EmulatorAdmin admin;
    private final int port;

    private LiveServer(Undertow undertow, ScheduledExecutorService scheduler, SessionRegistry registry,
            EmulatorAdmin admin) {
        this.undertow = undertow;
        this.scheduler = scheduler;
        this.registry = registry;
        this.admin = admin;
        this.port = ((InetSocketAddress) undertow.getListenerInfo().get(0).getAddress()).getPort();
    }

    /**
     * Starts a server.
     *
     * @param host        address to bind
     * @param port        port to bind, 0 for an ephemeral one
     * @param tls         the server TLS context, or null for plain ws/http
     * @param credentials the accepted keys
     * @param engine      the simulated model
     * @param settings    model settings
     */
    public static LiveServer start(String host, int port, SSLContext tls, CredentialPolicy credentials,
            ModelEngine engine, EmulatorSettings settings) {
        ScheduledExecutorService scheduler = newScheduler();
        SessionRegistry registry = new SessionRegistry();
        RegistryAdmin admin = new RegistryAdmin(registry);
        LiveServices services = new LiveServices(registry, engine, credentials,
                new SetupValidator(ModelRulesTable.defaults()), scheduler, settings);
        Undertow.Builder builder = Undertow.builder()
                .setHandler(new LiveRouter(services, new AdminHttpHandler(admin)));
        if (tls == null) {
            builder.addHttpListener(port, host);
        } else {
            builder.addHttpsListener(port, host, tls);
        }
        Undertow undertow = builder.build();
        try {
            undertow.start();
        } catch (RuntimeException e) {
            scheduler.shutdownNow();
            throw e;
        }
        return new LiveServer(undertow, scheduler, registry, admin);
    }

    public int port() {
        return port;
    }

    public EmulatorAdmin admin() {
        return admin;
    }

    /** Closes open sessions with 1001 (going away), gives their clients a moment to answer, then stops. */
    @Override
    public void close() {
        List<CompletableFuture<Void>> closing = new ArrayList<>();
        for (EmulatedSession session : registry.all()) {
            session.openConnection().ifPresent(c -> {
                c.close(1001, "emulator shutting down");
                closing.add(c.channelClosed());
            });
        }
        try {
            CompletableFuture.allOf(closing.toArray(CompletableFuture[]::new)).get(1, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (ExecutionException | TimeoutException e) {
            // clients that do not answer in time are cut off by the stop below
        }
        undertow.stop();
        scheduler.shutdownNow();
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
