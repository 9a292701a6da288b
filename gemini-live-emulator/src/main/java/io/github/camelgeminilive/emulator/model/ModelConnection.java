package io.github.camelgeminilive.emulator.model;

import io.github.camelgeminilive.protocol.ClientMessage;

/** The model side of one connection. Calls come serially, in the order the client sent the messages. */
public interface ModelConnection {

    /** A validated client message (never {@code setup}); {@code index} is its 0-based position after setup. */
    void onClientMessage(ClientMessage message, long index);

    /** The connection is gone (closed or dropped): stop streaming, cancel timers. */
    void onDisconnect();
}
