package io.github.camelgeminilive.emulator.model;

import io.github.camelgeminilive.protocol.ServerMessage;

/** What the model can do towards the client of one connection. Thread-safe; sends keep their call order. */
public interface Outbound {

    /** Sends one server message (JSON in a binary frame); ignored once the connection is gone. */
    void send(ServerMessage message);

    /** Closes the connection with a close frame. */
    void close(int code, String reason);

    /** Drops the TCP connection without a close frame (fault injection). */
    void drop();

    boolean isOpen();
}
