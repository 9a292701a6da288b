package io.github.camelgeminilive.emulator.model;

import java.util.List;

import io.github.camelgeminilive.protocol.Content;

/**
 * The state of one emulated session that a resumption handle restores: its id and conversation. Implemented by
 * the server's session directory.
 */
public interface SessionState {

    String sessionId();

    /** The conversation so far (user and model turns, in order); the model appends to it. Thread-safe. */
    List<Content> history();

    /**
     * Issues a new resumption handle for the session's current state, with {@code lastConsumedIndex} the index of
     * the last client message of this connection included in it.
     */
    String issueHandle(long lastConsumedIndex);

    /** The session's media time so far, for its length limit; the same object on every connection. */
    SessionClock clock();
}
