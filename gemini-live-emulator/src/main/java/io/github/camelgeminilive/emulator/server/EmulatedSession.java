package io.github.camelgeminilive.emulator.server;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;

import io.github.camelgeminilive.emulator.SessionInfo;
import io.github.camelgeminilive.emulator.model.SessionState;
import io.github.camelgeminilive.protocol.Content;

/** One emulated session: its conversation, its connections (at most one open) and the handles issued for it. */
final class EmulatedSession implements SessionState {

    private final String sessionId;
    private final String model;
    private final SessionRegistry registry;
    private final List<Content> history = Collections.synchronizedList(new ArrayList<>());
    private final List<LiveConnection> connections = new CopyOnWriteArrayList<>();
    private LiveConnection open;

    EmulatedSession(String sessionId, String model, SessionRegistry registry) {
        this.sessionId = sessionId;
        this.model = model;
        this.registry = registry;
    }

    @Override
    public String sessionId() {
        return sessionId;
    }

    String model() {
        return model;
    }

    @Override
    public List<Content> history() {
        return history;
    }

    /**
     * A handle for the conversation as it is now. The index needs no storing: the model reports it to the client
     * in the same update, and the client replays what came after it.
     */
    @Override
    public String issueHandle(long lastConsumedIndex) {
        return registry.issueHandle(this, history.size());
    }

    /** Makes {@code connection} the session's open connection; false if another one is still open. */
    synchronized boolean attach(LiveConnection connection) {
        if (open != null && open.isOpen()) {
            return false;
        }
        open = connection;
        connections.add(connection);
        return true;
    }

    synchronized void detach(LiveConnection connection) {
        if (open == connection) {
            open = null;
        }
    }

    synchronized Optional<LiveConnection> openConnection() {
        return Optional.ofNullable(open).filter(LiveConnection::isOpen);
    }

    /** Rolls the conversation back to what a handle captured: turns after it are the client's to replay. */
    void restoreHistory(int size) {
        synchronized (history) {
            if (history.size() > size) {
                history.subList(size, history.size()).clear();
            }
        }
    }

    SessionInfo info() {
        List<SessionInfo.ConnectionInfo> infos = new ArrayList<>(connections.size());
        long messages = 0;
        long samples = 0;
        long frames = 0;
        int openCount = 0;
        for (LiveConnection c : connections) {
            ConnectionCounters n = c.counters();
            SessionInfo.ConnectionInfo info = new SessionInfo.ConnectionInfo(c.id(), c.isOpen(), n.clientMessages(),
                    n.audioSamples(), n.videoFrames());
            infos.add(info);
            messages += info.clientMessages();
            samples += info.audioSamples();
            frames += info.videoFrames();
            openCount += info.open() ? 1 : 0;
        }
        return new SessionInfo(sessionId, model, openCount, messages, samples, frames, history.size(),
                List.copyOf(infos));
    }
}
