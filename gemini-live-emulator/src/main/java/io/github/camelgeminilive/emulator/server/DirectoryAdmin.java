package io.github.camelgeminilive.emulator.server;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.Optional;

import io.github.camelgeminilive.emulator.EmulatorAdmin;
import io.github.camelgeminilive.emulator.SessionInfo;

/** The admin operations on the sessions of one directory. */
final class DirectoryAdmin implements EmulatorAdmin {

    /** The longest goAway time left and pong delay: enough for any test, and no timer waits for years. */
    static final Duration MAX_DELAY = Duration.ofHours(1);

    private final SessionDirectory directory;
    private final LiveConnections connections;

    DirectoryAdmin(SessionDirectory directory, LiveConnections connections) {
        this.directory = directory;
        this.connections = connections;
    }

    @Override
    public List<SessionInfo> sessions() {
        return directory.all().stream().map(EmulatedSession::info).toList();
    }

    @Override
    public Optional<SessionInfo> session(String sessionId) {
        return directory.find(sessionId).map(EmulatedSession::info);
    }

    @Override
    public void goAway(String sessionId, Duration timeLeft) {
        responsiveConnection(sessionId).goAway(requireDelay("timeLeft", timeLeft));
    }

    @Override
    public void close(String sessionId, int code, String reason) {
        if (!isSendableCloseCode(code)) {
            throw new IllegalArgumentException("Close code " + code
                    + " cannot be sent in a close frame (use 1000-1003, 1007-1014 or 3000-4999)");
        }
        int reasonBytes = reason == null ? 0 : reason.getBytes(StandardCharsets.UTF_8).length;
        if (reasonBytes > LiveConnection.MAX_REASON_BYTES) {
            throw new IllegalArgumentException("A close reason fits in " + LiveConnection.MAX_REASON_BYTES
                    + " bytes of UTF-8, got " + reasonBytes);
        }
        responsiveConnection(sessionId).close(code, reason);
    }

    @Override
    public void drop(String sessionId) {
        openConnection(sessionId).drop();
    }

    @Override
    public void freeze(String sessionId) {
        openConnection(sessionId).freeze();
    }

    @Override
    public void pongDelay(Duration delay) {
        connections.pongDelay(requireDelay("delay", delay));
    }

    @Override
    public Duration pongDelay() {
        return connections.pongDelay();
    }

    @Override
    public long connectionAttempts() {
        return connections.attempts();
    }

    private static Duration requireDelay(String name, Duration d) {
        if (d == null || d.isNegative() || d.compareTo(MAX_DELAY) > 0) {
            throw new IllegalArgumentException(name + " must be from 0s to " + MAX_DELAY.toSeconds() + "s, got "
                    + (d == null ? null : d.toSeconds() + "s"));
        }
        return d;
    }

    /** RFC 6455 section 7.4: 1004-1006 and 1015 are reserved, 1015-2999 unassigned. */
    static boolean isSendableCloseCode(int code) {
        return (code >= 1000 && code <= 1003) || (code >= 1007 && code <= 1014) || (code >= 3000 && code <= 4999);
    }

    private LiveConnection responsiveConnection(String sessionId) {
        LiveConnection c = openConnection(sessionId);
        if (c.isFrozen()) {
            throw new IllegalStateException("Session " + sessionId + "'s connection is frozen: it sends nothing; "
                    + "drop it instead");
        }
        return c;
    }

    private LiveConnection openConnection(String sessionId) {
        EmulatedSession session = directory.find(sessionId)
                .orElseThrow(() -> new NoSuchElementException("No session " + sessionId));
        return session.openConnection()
                .orElseThrow(() -> new IllegalStateException("Session " + sessionId + " has no open connection"));
    }
}
