package io.github.camelgeminilive.session;

import java.time.Duration;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executor;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import java.util.function.ObjLongConsumer;
import java.util.stream.Stream;

import io.github.camelgeminilive.session.connection.PlainLiveSession;
import io.github.camelgeminilive.session.delivery.SessionCounters;
import io.github.camelgeminilive.session.resilience.Connector;
import io.github.camelgeminilive.session.resilience.ResilientLiveSession;
import io.github.camelgeminilive.transport.ConnectionOptions;
import io.github.camelgeminilive.transport.HandshakeRequest;
import io.github.camelgeminilive.transport.UndertowTransport;
import io.github.camelgeminilive.transport.WebSocketTransport;

/**
 * Opens Live API sessions. One client shares one WebSocket container, I/O threads and two small pools among all its
 * sessions, so its thread count does not grow with the number of sessions: one pool parses received frames and
 * delivers events (work that never blocks), one runs the blocking WebSocket handshakes and credential lookups.
 * Idle pool threads end after a minute. Close the client to release them.
 */
public final class LiveClient implements AutoCloseable {

    private static final Duration CLOSE_WAIT = Duration.ofSeconds(3);
    /**
     * Threads of a client's event pool: twice the available processors, at least 2; enough to keep the cores busy
     * with listeners that do not block, few enough that the one woken for an event is usually warm.
     */
    public static final int EVENT_THREADS = Math.max(2, 2 * Runtime.getRuntime().availableProcessors());
    /** Handshakes wait on the network, not a core: enough for a burst of sessions to connect in parallel. */
    private static final int CONNECT_THREADS = 16;

    private final ConnectionOptions options;
    private final ExecutorService pool;
    private final ExecutorService connectPool;
    private final WebSocketTransport transport;
    private final ScheduledExecutorService scheduler;
    private final Set<PlainLiveSession> sessions = ConcurrentHashMap.newKeySet();
    private final Set<ResilientLiveSession> resilientSessions = ConcurrentHashMap.newKeySet();

    /**
     * The connections of one resilient session, counting into its counters. Each hands its events to the resilient
     * session's engine inline, which queues them for the caller's listener under the caller's bounds: one queue
     * and one hand-off between the socket and the listener.
     */
    private Connector connector(SessionCounters counters) {
        return new Connector() {
            @Override
            public PlainLiveSession create(SessionOptions options, LiveSessionListener engine, Runnable onPong,
                    ObjLongConsumer<String> onHandle) {
                return new PlainLiveSession(options, engine, pool, onPong, onHandle, counters);
            }

            @Override
            public void start(PlainLiveSession session, String resumptionHandle) {
                LiveClient.this.start(session, resumptionHandle);
            }
        };
    }

    private LiveClient(ConnectionOptions options, Function<Executor, WebSocketTransport> transportFactory) {
        this.options = Objects.requireNonNull(options, "options");
        this.pool = boundedPool(EVENT_THREADS, "gemini-live-client-");
        this.connectPool = boundedPool(CONNECT_THREADS, "gemini-live-connect-");
        this.scheduler = Executors.newSingleThreadScheduledExecutor(daemonThreads("gemini-live-timer-"));
        try {
            this.transport = transportFactory.apply(connectPool);
        } catch (RuntimeException e) {
            pool.shutdownNow();
            connectPool.shutdownNow();
            scheduler.shutdownNow();
            throw e;
        }
    }

    /** A client on Undertow's WebSocket client. */
    public static LiveClient create(ConnectionOptions options) {
        return new LiveClient(options, executor -> new UndertowTransport(options, executor));
    }

    /**
     * A client on another WebSocket implementation. The factory gets the client's pool for blocking work
     * (handshakes); the client closes the transport when closed.
     */
    public static LiveClient create(ConnectionOptions options, Function<Executor, WebSocketTransport> transport) {
        return new LiveClient(options, Objects.requireNonNull(transport, "transport"));
    }

    /**
     * Connects, sends {@code setup} (with {@code resumptionHandle} when not null) and completes once
     * {@code setupComplete} arrived; fails with a {@link LiveSessionException} (1007/1008 typed) otherwise.
     * The listener receives events from {@code setupComplete} on; a session whose setup failed sends none.
     */
    public CompletableFuture<LiveSession> connect(SessionOptions options, String resumptionHandle,
            LiveSessionListener listener) {
        Objects.requireNonNull(options, "options");
        Objects.requireNonNull(listener, "listener");
        PlainLiveSession session = new PlainLiveSession(options, listener, pool);
        start(session, resumptionHandle);
        return session.setupFuture();
    }

    /** Asks for the credential (every connection asks again: the supplier may block) and starts connecting. */
    private void start(PlainLiveSession session, String resumptionHandle) {
        sessions.add(session);
        session.endedFuture().whenComplete((v, e) -> sessions.remove(session));
        try {
            connectPool.execute(() -> {
                HandshakeRequest request;
                try {
                    request = HandshakeRequest.of(this.options);
                } catch (RuntimeException e) {
                    session.connectFailed(e);
                    return;
                }
                transport.connect(request, session).whenComplete((connection, error) -> {
                    if (error != null) {
                        session.connectFailed(error);
                    } else {
                        session.opened(connection, resumptionHandle);
                    }
                });
            });
        } catch (RejectedExecutionException e) {
            session.connectFailed(new IllegalStateException("The Live API client is closed", e));
        }
    }

    /**
     * Opens a {@link ResilientSession}: like {@link #connect}, starting from the handle in
     * {@code resilience.handleStore()} under {@code resilience.handleKey()} when there is one younger than about
     * 2 hours (a fresh session when the service refuses it). The first connection is not retried: the future fails
     * with its cause (1007/1008 typed, with code and reason); later connections follow
     * {@code resilience.reconnect()}.
     */
    public CompletableFuture<ResilientSession> connectResilient(SessionOptions options, ResilienceOptions resilience,
            LiveSessionListener listener) {
        Objects.requireNonNull(options, "options");
        Objects.requireNonNull(resilience, "resilience");
        Objects.requireNonNull(listener, "listener");
        SessionCounters counters = new SessionCounters();
        ResilientLiveSession session = new ResilientLiveSession(connector(counters), scheduler, pool, options,
                resilience, listener, counters);
        resilientSessions.add(session);
        session.endedFuture().whenComplete((v, e) -> resilientSessions.remove(session));
        return session.start();
    }

    /**
     * Closes every open session normally (waiting briefly for the close handshakes and for the listeners to get
     * their {@link LiveEvent.Closed}), then the connections and the client's threads.
     */
    @Override
    public void close() {
        try {
            // waits for the listeners' Closed, not only the handshakes: the pool that delivers it shuts down next
            resilientSessions.forEach(ResilientLiveSession::closeAsync);
            sessions.forEach(PlainLiveSession::closeAsync);
            CompletableFuture<?>[] ending = Stream.concat(
                    resilientSessions.stream().map(ResilientLiveSession::endedFuture),
                    sessions.stream().map(PlainLiveSession::endedFuture)).toArray(CompletableFuture[]::new);
            CompletableFuture.allOf(ending).get(CLOSE_WAIT.toMillis(), TimeUnit.MILLISECONDS);
        } catch (ExecutionException | TimeoutException e) {
            // closing anyway: the transport drops what did not close in time
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        try {
            transport.close();
        } finally {
            scheduler.shutdownNow();
            connectPool.shutdownNow();
            pool.shutdown();
            try {
                if (!pool.awaitTermination(5, TimeUnit.SECONDS)) {
                    pool.shutdownNow();
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                pool.shutdownNow();
            }
        }
    }

    /** Up to {@code threads} threads, started as work arrives and ended after a minute idle; more work queues. */
    private static ExecutorService boundedPool(int threads, String prefix) {
        ThreadPoolExecutor pool = new ThreadPoolExecutor(threads, threads, 60, TimeUnit.SECONDS,
                new LinkedBlockingQueue<>(), daemonThreads(prefix));
        pool.allowCoreThreadTimeOut(true);
        return pool;
    }

    private static ThreadFactory daemonThreads(String prefix) {
        AtomicInteger n = new AtomicInteger();
        return r -> {
            Thread t = new Thread(r, prefix + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        };
    }
}
