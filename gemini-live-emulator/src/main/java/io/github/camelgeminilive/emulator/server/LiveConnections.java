package io.github.camelgeminilive.emulator.server;

import java.time.Duration;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Every WebSocket connection of one emulator, session or not: the ones still open (so a stop can cut them all),
 * whether new ones are admitted, the upgrades accepted so far and the setup
 * and pong delays they all apply. Thread-safe.
 */
final class LiveConnections {

    private final Set<LiveConnection> open = ConcurrentHashMap.newKeySet();
    private final AtomicLong attempts = new AtomicLong();
    private volatile Duration pongDelay = Duration.ZERO;
    private final Duration setupDelay;
    private boolean admitting;

    /** @param setupDelay how long each connection waits before its setup is read */
    LiveConnections(Duration setupDelay) {
        this.setupDelay = Objects.requireNonNull(setupDelay, "setupDelay");
    }

    /** New requests and connections are admitted from now on. */
    synchronized void admit() {
        admitting = true;
    }

    /** Whether new requests are admitted; a stopped emulator refuses them before any handshake. */
    synchronized boolean isAdmitting() {
        return admitting;
    }

    /**
     * A WebSocket upgrade was accepted (whatever happens to the connection next). One that raced a
     * {@link #refuseAndAbortAll()} is cut at once, so no connection outlives a stop.
     */
    void accepted(LiveConnection connection) {
        attempts.incrementAndGet();
        synchronized (this) {
            if (admitting) {
                open.add(connection);
                return;
            }
        }
        connection.abort();
    }

    /** The connection's channel is closed. */
    void closed(LiveConnection connection) {
        open.remove(connection);
    }

    long attempts() {
        return attempts.get();
    }

    /**
     * Stops admitting anything new, then cuts every open connection without a close frame, as a crashing process
     * would. Refusing first makes this atomic for clients: one that reconnects at once cannot slip in.
     */
    void refuseAndAbortAll() {
        synchronized (this) {
            admitting = false;
        }
        for (LiveConnection c : open) {
            c.abort();
        }
    }

    Duration setupDelay() {
        return setupDelay;
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
