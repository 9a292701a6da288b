package io.github.camelgeminilive.emulator.model;

import java.util.ArrayList;
import java.util.List;

import io.github.camelgeminilive.protocol.LiveJson;
import io.github.camelgeminilive.protocol.ServerMessage;

/**
 * An in-memory {@link Outbound}: records every message after a JSON round trip through the real codec (so what a
 * test sees is what a client would parse), and the close or drop.
 */
final class RecordingOutbound implements Outbound {

    private final List<ServerMessage> messages = new ArrayList<>();
    private boolean open = true;
    private Integer closeCode;
    private String closeReason;
    private boolean dropped;

    @Override
    public synchronized void send(ServerMessage message) {
        if (open) {
            messages.add(LiveJson.get().readServer(LiveJson.get().writeBytes(message)));
        }
    }

    @Override
    public synchronized void close(int code, String reason) {
        if (open) {
            open = false;
            closeCode = code;
            closeReason = reason;
        }
    }

    @Override
    public synchronized void drop() {
        open = false;
        dropped = true;
    }

    @Override
    public synchronized boolean isOpen() {
        return open;
    }

    synchronized List<ServerMessage> messages() {
        return List.copyOf(messages);
    }

    synchronized Integer closeCode() {
        return closeCode;
    }

    synchronized String closeReason() {
        return closeReason;
    }

    synchronized boolean dropped() {
        return dropped;
    }
}
