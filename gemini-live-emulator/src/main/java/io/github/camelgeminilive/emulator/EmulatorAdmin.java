package io.github.camelgeminilive.emulator;

import java.time.Duration;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.Optional;

/**
 * Inspects the emulator's sessions and injects faults into their open connections. The same operations are served
 * over HTTP under {@code /emulator/} (to programs on this machine only). Works while the emulator is stopped too
 * (state is kept), when every session has no open connection.
 *
 * <p>The fault operations throw {@link NoSuchElementException} for an unknown session and
 * {@link IllegalStateException} when the session has no open connection (or, except for {@link #drop}, when that
 * connection is frozen).
 */
public interface EmulatorAdmin {

    /** All sessions so far (but those forgotten 2 hours after their last connection ended), oldest first. */
    List<SessionInfo> sessions();

    Optional<SessionInfo> session(String sessionId);

    /**
     * Sends {@code goAway} with {@code timeLeft} now; the connection is closed (1000) when the time has run out.
     *
     * @throws IllegalArgumentException unless {@code timeLeft} is from 0 to 1 hour
     */
    void goAway(String sessionId, Duration timeLeft);

    /**
     * Closes the open connection with a close frame carrying {@code code} and {@code reason}.
     *
     * @throws IllegalArgumentException for a code a close frame cannot carry or a reason over 123 bytes of UTF-8
     */
    void close(String sessionId, int code, String reason);

    /** Drops the open connection's TCP connection without a close frame. */
    void drop(String sessionId);

    /**
     * Makes the open connection half-open: the server stops reading it, sending on it and answering its pings, while
     * the TCP connection stays up (a client notices only through its ping timeout). A resume of the session takes
     * over from a frozen connection (it is dropped then). Freezing a frozen connection does nothing.
     */
    void freeze(String sessionId);

    /**
     * Delays every pong reply, on all connections, by {@code delay} (the real service's pongs take 8-30 s);
     * {@link Duration#ZERO} restores immediate pongs. Applies to pings received from now on.
     *
     * @throws IllegalArgumentException unless {@code delay} is from 0 to 1 hour
     */
    void pongDelay(Duration delay);

    /** The current pong delay ({@link Duration#ZERO}: immediate pongs). */
    Duration pongDelay();

    /**
     * WebSocket upgrades accepted on the Live API paths since the emulator was built, across {@code stop()}/
     * {@code start()}, including connections then refused with 1007 or 1008.
     */
    long connectionAttempts();
}
