package io.github.camelgeminilive.emulator.server;

import java.security.SecureRandom;
import java.time.Duration;
import java.util.Base64;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.LongSupplier;

/**
 * All sessions of one emulator and the resumption handles that lead back to them. As the service, it forgets a
 * session and its handles {@link #RETENTION} after the session's last connection ended, and keeps a session's newest
 * {@link #HANDLES_PER_SESSION} handles only (each holds a copy of the conversation): a long-running emulator does
 * not grow without end. A forgotten handle is refused as unknown or expired. Thread-safe.
 */
final class SessionDirectory {

    /** How long handles stay valid after their session's last connection ended (the service: about 2 hours). */
    static final Duration RETENTION = Duration.ofHours(2);
    /** Handles kept per session, the newest: a client resumes from its newest one. */
    static final int HANDLES_PER_SESSION = 16;
    static final String UNKNOWN_HANDLE = "Invalid resumption handle: unknown or expired";
    /** Forgotten sessions are looked for at most this often, when a session or handle is made. */
    private static final long SWEEP_EVERY_NANOS = Duration.ofMinutes(1).toNanos();

    private final SecureRandom random = new SecureRandom();
    private final Map<String, EmulatedSession> sessions = Collections.synchronizedMap(new LinkedHashMap<>());
    private final Map<String, ResumePoint> handles = new ConcurrentHashMap<>();
    private final SessionQuota quota;
    private final LongSupplier nanoTime;
    private final long retentionNanos;
    private volatile long nextSweepNanos;

    /** A directory whose keys may each have {@code concurrentSessions} sessions open (0: no quota). */
    SessionDirectory(int concurrentSessions) {
        this(concurrentSessions, System::nanoTime, RETENTION);
    }

    /** @param nanoTime the clock sessions age by ({@link System#nanoTime()} but in tests) */
    SessionDirectory(int concurrentSessions, LongSupplier nanoTime, Duration retention) {
        this.quota = new SessionQuota(concurrentSessions);
        this.nanoTime = nanoTime;
        this.retentionNanos = retention.toNanos();
        this.nextSweepNanos = nanoTime.getAsLong() + SWEEP_EVERY_NANOS;
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
        sweepWhenDue();
        EmulatedSession s = new EmulatedSession(randomId(12), model, this);
        sessions.put(s.sessionId(), s);
        return s;
    }

    /** Now, on the clock sessions age by. */
    long nanoTime() {
        return nanoTime.getAsLong();
    }

    /** What {@code handle} restores; empty when it is unknown or its session expired (then forgotten now). */
    Optional<ResumePoint> resumePoint(String handle) {
        ResumePoint point = handles.get(handle);
        if (point != null && point.session().expire(nanoTime.getAsLong(), retentionNanos)) {
            forget(point.session());
            return Optional.empty();
        }
        return Optional.ofNullable(point);
    }

    String issueHandle(EmulatedSession session, EmulatedSession.Snapshot snapshot) {
        sweepWhenDue();
        String handle = randomId(32);
        handles.put(handle, new ResumePoint(session, snapshot));
        String pushedOut = session.handleIssued(handle, HANDLES_PER_SESSION);
        if (pushedOut != null) {
            handles.remove(pushedOut);
        }
        return handle;
    }

    private void sweepWhenDue() {
        long now = nanoTime.getAsLong();
        if (now - nextSweepNanos < 0) {
            return;
        }
        nextSweepNanos = now + SWEEP_EVERY_NANOS;
        for (EmulatedSession s : all()) {
            if (s.expire(now, retentionNanos)) {
                forget(s);
            }
        }
    }

    private void forget(EmulatedSession s) {
        sessions.remove(s.sessionId());
        s.handles().forEach(handles::remove);
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
