package io.github.camelgeminilive.emulator.model;

import io.github.camelgeminilive.protocol.ServerMessage;
import io.github.camelgeminilive.protocol.SessionResumptionUpdate;
import io.github.camelgeminilive.protocol.Setup;

/**
 * Sends {@code sessionResumptionUpdate} messages when the setup asked for resumption: a fresh handle whenever the
 * session is at rest, {@code resumable: false} without a handle once when a turn or tool call goes in flight. The
 * consumed index is only reported in {@code transparent} mode.
 */
final class ResumptionReporter {

    private final boolean enabled;
    private final boolean transparent;
    private final SessionState session;
    private final Outbound out;
    private boolean inFlight;

    ResumptionReporter(Setup setup, SessionState session, Outbound out) {
        this.enabled = setup.sessionResumption() != null;
        this.transparent = enabled && Boolean.TRUE.equals(setup.sessionResumption().transparent());
        this.session = session;
        this.out = out;
    }

    /**
     * The session is at rest: issues and sends a handle covering client messages up to {@code lastConsumedIndex}
     * (-1 when none was consumed yet; then no index is reported).
     */
    void resumable(long lastConsumedIndex) {
        inFlight = false;
        if (enabled) {
            String handle = session.issueHandle(lastConsumedIndex);
            Long index = transparent && lastConsumedIndex >= 0 ? lastConsumedIndex : null;
            out.send(ServerMessage.of(new SessionResumptionUpdate(handle, true, index)));
        }
    }

    /** A turn or tool call started: the session cannot be resumed until it ends. */
    void inFlight() {
        if (enabled && !inFlight) {
            out.send(ServerMessage.of(new SessionResumptionUpdate(null, false, null)));
        }
        inFlight = true;
    }
}
