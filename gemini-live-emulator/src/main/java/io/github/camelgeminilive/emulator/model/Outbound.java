package io.github.camelgeminilive.emulator.model;

import io.github.camelgeminilive.protocol.ServerMessage;

/** What the model can do towards the client of one connection. Thread-safe; sends keep their call order. */
public interface Outbound {

    /** Sends one server message (JSON in a binary frame); ignored once the connection is gone. */
    void send(ServerMessage message);

    /**
     * Sends {@code message} whose JSON the caller already has: the same as {@link #send(ServerMessage)}, without
     * encoding it again (reply audio is encoded once and sent to many clients).
     *
     * @param json exactly what the emulator's codec writes for {@code message}; shared, so never modified
     */
    default void send(ServerMessage message, byte[] json) {
        send(message);
    }

    /** Closes the connection with a close frame. */
    void close(int code, String reason);

    /** Drops the TCP connection without a close frame (fault injection). */
    void drop();

    boolean isOpen();
}
