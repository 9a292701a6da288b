package io.github.camelgeminilive.emulator;

import java.time.Duration;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.Optional;

/**
 * Inspects the emulator's sessions and injects faults into their open connections. The same operations are served
 * over HTTP under {@code /emulator/} (loopback only).
 *
 * <p>The fault operations throw {@link NoSuchElementException} for an unknown session and
 * {@link IllegalStateException} when the session has no open connection.
 */
public interface EmulatorAdmin {

    /** All sessions so far, oldest first. */
    List<SessionInfo> sessions();

    Optional<SessionInfo> session(String sessionId);

    /** Sends {@code goAway} with {@code timeLeft} now; the connection is closed (1000) when the time has run out. */
    void goAway(String sessionId, Duration timeLeft);

    /** Closes the open connection with a close frame carrying {@code code} and {@code reason}. */
    void close(String sessionId, int code, String reason);

    /** Drops the open connection's TCP connection without a close frame. */
    void drop(String sessionId);
}
