package io.github.camelgeminilive.emulator.server;

import java.security.SecureRandom;
import java.util.Base64;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/** All sessions of one emulator and the resumption handles that lead back to them. Thread-safe. */
final class SessionDirectory {

    private final SecureRandom random = new SecureRandom();
    private final Map<String, EmulatedSession> sessions = Collections.synchronizedMap(new LinkedHashMap<>());
    private final Map<String, ResumePoint> handles = new ConcurrentHashMap<>();
    private final SessionQuota quota;

    /** A directory whose keys may each have {@code concurrentSessions} sessions open (0: no quota). */
    SessionDirectory(int concurrentSessions) {
        this.quota = new SessionQuota(concurrentSessions);
    }

    /**
     * What a handle restores.
     *
     * @param session  the session
     * @param snapshot its state when the handle was issued
     */
    record ResumePoint(EmulatedSession session, EmulatedSession.Snapshot snapshot) {
    }

    SessionQuota quota() {
        return quota;
    }

    EmulatedSession create(String model) {
        EmulatedSession s = new EmulatedSession(randomId(12), model, this);
        sessions.put(s.sessionId(), s);
        return s;
    }

    Optional<ResumePoint> resumePoint(String handle) {
        return Optional.ofNullable(handles.get(handle));
    }

    String issueHandle(EmulatedSession session, EmulatedSession.Snapshot snapshot) {
        String handle = randomId(32);
        handles.put(handle, new ResumePoint(session, snapshot));
        return handle;
    }

    Optional<EmulatedSession> find(String sessionId) {
        return Optional.ofNullable(sessions.get(sessionId));
    }

    /** All sessions, oldest first. */
    List<EmulatedSession> all() {
        synchronized (sessions) {
            return List.copyOf(sessions.values());
        }
    }

    private String randomId(int bytes) {
        byte[] b = new byte[bytes];
        random.nextBytes(b);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(b);
    }
}
