package io.github.camelgeminilive.session.resilience;

import java.time.Duration;
import java.util.Queue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.LongSupplier;
import java.util.function.Supplier;

/**
 * WebSocket pings of one connection. Every {@code interval} it pings; a ping unanswered for {@code timeout}
 * means the connection is half-open and {@code dead} runs once. Each pong also proves the peer has read every
 * frame written before its ping (one TCP stream, read in order): {@link #readUpTo()} is that count, which lets a
 * session without {@code lastConsumedClientMessageIndex} know which messages a later handle must include.
 * Runs on the client's shared scheduler; pongs arrive in order with the connection's events (so a handle is
 * compared with the pongs that really came before it) and only touch lock-free state.
 */
final class Keepalive {

    private record Ping(long sentNanos, long written) {
    }

    /**
     * Probes (pings that ask how far the peer has read) go out at most this often: a stream sent faster than real
     * time would ask after every second of audio, and a server closes a connection that pings too often (the
     * emulator's Undertow: more than 300 a minute, 1008 "Too many pings"). A probe asked for sooner waits for it.
     */
    static final Duration PROBE_INTERVAL = Duration.ofSeconds(1);
    /** Most pings awaiting their pong (with no periodic pings, nothing else would bound them). */
    static final int MAX_UNANSWERED = 64;

    private final Queue<Ping> unanswered = new ConcurrentLinkedQueue<>();
    private final Supplier<CompletableFuture<Void>> ping;
    private final LongSupplier written;
    private final Runnable dead;
    private final Duration timeout;
    private volatile long readUpTo;
    private volatile ScheduledFuture<?> task;
    private volatile ScheduledExecutorService scheduler;
    private volatile long lastPingNanos = System.nanoTime() - PROBE_INTERVAL.toNanos();
    private final AtomicBoolean probePending = new AtomicBoolean();
    private volatile boolean stopped;

    /**
     * @param ping    sends one ping
     * @param written frames written to the socket so far
     * @param dead    runs once when a ping went unanswered for {@code timeout}
     */
    Keepalive(Supplier<CompletableFuture<Void>> ping, LongSupplier written, Duration timeout, Runnable dead) {
        this.ping = ping;
        this.written = written;
        this.timeout = timeout;
        this.dead = dead;
    }

    /** Starts the periodic pings (none when {@code interval} is null); probes are timed on the same scheduler. */
    void start(ScheduledExecutorService scheduler, Duration interval) {
        this.scheduler = scheduler;
        if (interval != null && !stopped) {
            long nanos = interval.toNanos();
            task = scheduler.scheduleAtFixedRate(this::tick, nanos, nanos, TimeUnit.NANOSECONDS);
        }
    }

    private void tick() {
        Ping oldest = unanswered.peek();
        if (oldest != null && timeout != null && System.nanoTime() - oldest.sentNanos() > timeout.toNanos()) {
            stop();
            dead.run();
            return;
        }
        pingNow();
    }

    /**
     * Asks soon how far the peer has read: pings now, or once {@link #PROBE_INTERVAL} has passed since the last ping
     * (one delayed probe at a time: it covers every frame written before it goes out).
     */
    void probe() {
        long wait = lastPingNanos + PROBE_INTERVAL.toNanos() - System.nanoTime();
        ScheduledExecutorService timer = scheduler;
        if (wait <= 0 || timer == null) {
            pingNow();
        } else if (probePending.compareAndSet(false, true)) {
            timer.schedule(() -> {
                probePending.set(false);
                pingNow();
            }, wait, TimeUnit.NANOSECONDS);
        }
    }

    private void pingNow() {
        if (stopped || unanswered.size() >= MAX_UNANSWERED) {
            return; // a peer this far behind proves nothing sooner for another ping; the timeout judges it
        }
        lastPingNanos = System.nanoTime();
        unanswered.add(new Ping(lastPingNanos, written.getAsLong()));
        ping.get(); // a failed ping means a closing connection: its close is reported separately
    }

    void onPong() {
        Ping answered = unanswered.poll();
        if (answered != null && answered.written() > readUpTo) {
            readUpTo = answered.written();
        }
    }

    /** Frames (from the connection's first) the peer has certainly read. */
    long readUpTo() {
        return readUpTo;
    }

    void stop() {
        stopped = true;
        ScheduledFuture<?> t = task;
        if (t != null) {
            t.cancel(false);
        }
    }
}
