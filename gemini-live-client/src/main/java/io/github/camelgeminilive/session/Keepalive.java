package io.github.camelgeminilive.session;

import java.time.Duration;
import java.util.Queue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
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

    private final Queue<Ping> unanswered = new ConcurrentLinkedQueue<>();
    private final Supplier<CompletableFuture<Void>> ping;
    private final LongSupplier written;
    private final Runnable dead;
    private final Duration timeout;
    private volatile long readUpTo;
    private volatile ScheduledFuture<?> task;
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

    /** Starts the periodic pings (none when {@code interval} is null). */
    void start(ScheduledExecutorService scheduler, Duration interval) {
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

    /** Pings now, e.g. to learn soon how far the peer has read. */
    void pingNow() {
        if (stopped) {
            return;
        }
        unanswered.add(new Ping(System.nanoTime(), written.getAsLong()));
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
