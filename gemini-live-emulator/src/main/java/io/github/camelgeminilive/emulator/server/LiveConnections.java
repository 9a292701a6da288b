package io.github.camelgeminilive.emulator.server;

import java.time.Duration;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Every WebSocket connection of one emulator, session or not: the ones still open (so a stop can cut them all), the
 * upgrades accepted so far and the pong delay they all apply. Thread-safe.
 */
final class LiveConnections {

    private final Set<LiveConnection> open = ConcurrentHashMap.newKeySet();
    private final AtomicLong attempts = new AtomicLong();
    private volatile Duration pongDelay = Duration.ZERO;

    /** A WebSocket upgrade was accepted (whatever happens to the connection next). */
    void accepted(LiveConnection connection) {
        attempts.incrementAndGet();
        open.add(connection);
    }

    /** The connection's channel is closed. */
    void closed(LiveConnection connection) {
        open.remove(connection);
    }

    long attempts() {
        return attempts.get();
    }

    /** Cuts every open connection without a close frame, as a crashing process would. */
    void abortAll() {
        for (LiveConnection c : open) {
            c.abort();
        }
    }

    Duration pongDelay() {
        return pongDelay;
    }

    void pongDelay(Duration delay) {
        Objects.requireNonNull(delay, "delay");
        if (delay.isNegative()) {
            throw new IllegalArgumentException("The pong delay must be zero or positive, got " + delay);
        }
        this.pongDelay = delay;
    }
}
