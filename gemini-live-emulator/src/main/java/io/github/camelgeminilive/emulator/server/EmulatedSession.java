package io.github.camelgeminilive.emulator.server;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

import io.github.camelgeminilive.emulator.SessionInfo;
import io.github.camelgeminilive.emulator.model.SessionClock;
import io.github.camelgeminilive.emulator.model.SessionState;
import io.github.camelgeminilive.protocol.Content;

/** One emulated session: its conversation, its connections (at most one open) and the handles issued for it. */
final class EmulatedSession {

    private final String sessionId;
    private final String model;
    private final SessionDirectory directory;
    private final List<Content> history = Collections.synchronizedList(new ArrayList<>());
    private final List<LiveConnection> connections = new CopyOnWriteArrayList<>();
    private final AtomicInteger connectionsOpened = new AtomicInteger();
    private final SessionClock clock = new SessionClock();
    private LiveConnection open;
    /** When its last connection ended (or it was made, before any): it ages from then while it has none open. */
    private long idleSinceNanos;
    /** Forgotten by the directory: a late resume is refused as with an unknown handle. */
    private boolean expired;
    /** Its handles still valid, oldest first. */
    private final ArrayDeque<String> handles = new ArrayDeque<>();

    /**
     * What a handle captured: the conversation and the audio samples included in it.
     *
     * @param history             the conversation, immutable
     * @param audioSamplesInState audio samples of the client messages the state includes
     */
    record Snapshot(List<Content> history, long audioSamplesInState) {
    }

    EmulatedSession(String sessionId, String model, SessionDirectory directory) {
        this.sessionId = sessionId;
        this.model = model;
        this.directory = directory;
        this.idleSinceNanos = directory.nanoTime();
    }

    String sessionId() {
        return sessionId;
    }

    String model() {
        return model;
    }

    /**
     * The session as the model of {@code connection} sees it: a handle issued for its messages {@code 0..k}
     * captures the conversation now and the audio of exactly those messages.
     */
    SessionState stateFor(LiveConnection connection) {
        return new SessionState() {
            @Override
            public String sessionId() {
                return sessionId;
            }

            @Override
            public List<Content> history() {
                return history;
            }

            @Override
            public String issueHandle(long lastConsumedIndex) {
                List<Content> conversation;
                synchronized (history) {
                    conversation = List.copyOf(history);
                }
                return directory.issueHandle(EmulatedSession.this,
                        new Snapshot(conversation, connection.ledger().captureThrough(lastConsumedIndex)));
            }

            @Override
            public SessionClock clock() {
                return clock;
            }
        };
    }

    /** Makes {@code connection} the session's open connection; false if another one is still open. */
    synchronized boolean attach(LiveConnection connection) {
        if (open != null && open.isOpen()) {
            if (!open.isFrozen()) {
                return false;
            }
            // a frozen connection is dead to the service: a resume takes over, as after a keepalive timeout
            open.drop();
        }
        open = connection;
        connections.add(connection);
        return true;
    }

    /**
     * Attaches {@code connection} and rolls the state back to {@code snapshot}; false as {@link #attach}.
     *
     * @throws ProtocolViolation when the directory forgot the session meanwhile (its handle expired)
     */
    synchronized boolean resume(LiveConnection connection, Snapshot snapshot) throws ProtocolViolation {
        if (expired) {
            throw ProtocolViolation.invalid(SessionDirectory.UNKNOWN_HANDLE);
        }
        if (!attach(connection)) {
            return false;
        }
        synchronized (history) {
            history.clear();
            history.addAll(snapshot.history());
        }
        return true;
    }

    /** A connection of this session completed its setup. */
    void setupCompleted() {
        connectionsOpened.incrementAndGet();
    }

    synchronized void detach(LiveConnection connection) {
        if (open == connection) {
            open = null;
            idleSinceNanos = directory.nanoTime();
        }
    }

    /** Marks the session expired if no connection of it was open for {@code retentionNanos} up to {@code now}. */
    synchronized boolean expire(long now, long retentionNanos) {
        if (open == null && now - idleSinceNanos >= retentionNanos) {
            expired = true;
        }
        return expired;
    }

    /**
     * Notes a handle issued for it; returns the one to forget: the oldest pushed out beyond {@code max}, this one if
     * the session expired meanwhile, or null.
     */
    synchronized String handleIssued(String handle, int max) {
        if (expired) {
            return handle;
        }
        handles.addLast(handle);
        return handles.size() > max ? handles.removeFirst() : null;
    }

    synchronized List<String> handles() {
        return List.copyOf(handles);
    }

    synchronized Optional<LiveConnection> openConnection() {
        return Optional.ofNullable(open).filter(LiveConnection::isOpen);
    }

    SessionInfo info() {
        List<SessionInfo.ConnectionInfo> infos = new ArrayList<>(connections.size());
        long messages = 0;
        long samples = 0;
        long frames = 0;
        int openCount = 0;
        LiveConnection newest = null;
        for (LiveConnection c : connections) {
            newest = c;
            ConnectionCounters n = c.counters();
            SessionInfo.ConnectionInfo info = new SessionInfo.ConnectionInfo(c.id(), c.isOpen(), c.isFrozen(),
                    n.clientMessages(), n.audioSamples(), n.videoFrames());
            infos.add(info);
            messages += info.clientMessages();
            samples += info.audioSamplesReceived();
            frames += info.videoFrames();
            openCount += info.open() ? 1 : 0;
        }
        // the newest connection carries the state forward from the snapshot it started with
        long inState = newest == null ? 0 : newest.ledger().now();
        return new SessionInfo(sessionId, model, openCount, connectionsOpened.get(), messages, samples, inState,
                frames, history.size(), List.copyOf(infos));
    }
}
