package io.github.camelgeminilive.emulator.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

import org.junit.jupiter.api.Test;

/** The directory forgets what the service would: handles beyond a session's newest, sessions long idle. */
class SessionDirectoryTest {

    private static final EmulatedSession.Snapshot EMPTY = new EmulatedSession.Snapshot(List.of(), 0);

    private final AtomicLong now = new AtomicLong(1_000);
    private final SessionDirectory directory = new SessionDirectory(0, now::get, SessionDirectory.RETENTION);

    @Test
    void aSessionKeepsItsNewestHandlesOnly() {
        EmulatedSession session = directory.create("models/m");
        List<String> issued = new ArrayList<>();
        for (int i = 0; i <= SessionDirectory.HANDLES_PER_SESSION; i++) {
            issued.add(directory.issueHandle(session, EMPTY));
        }

        assertThat(directory.resumePoint(issued.get(0))).isEmpty();
        for (String handle : issued.subList(1, issued.size())) {
            assertThat(directory.resumePoint(handle)).map(SessionDirectory.ResumePoint::session).contains(session);
        }
    }

    @Test
    void aSessionIdleForTheRetentionIsForgottenWithItsHandles() throws Exception {
        EmulatedSession old = directory.create("models/m");
        String handle = directory.issueHandle(old, EMPTY);
        SessionDirectory.ResumePoint point = directory.resumePoint(handle).orElseThrow();

        now.addAndGet(SessionDirectory.RETENTION.minusSeconds(1).toNanos());
        EmulatedSession younger = directory.create("models/m");
        assertThat(directory.find(old.sessionId())).contains(old);
        assertThat(directory.resumePoint(handle)).isPresent();

        now.addAndGet(Duration.ofMinutes(1).toNanos());
        directory.create("models/m"); // a new session is what looks for forgotten ones

        assertThat(directory.find(old.sessionId())).isEmpty();
        assertThat(directory.resumePoint(handle)).isEmpty();
        assertThat(directory.find(younger.sessionId())).contains(younger);
        // a resume that found the handle just before it expired is refused as well
        assertThatThrownBy(() -> point.session().resume(null, point.snapshot()))
                .isInstanceOf(ProtocolViolation.class).hasMessageContaining("unknown or expired");
    }

    @Test
    void aHandleOfAnExpiredSessionIsRefusedBeforeAnySweep() {
        EmulatedSession session = directory.create("models/m");
        String handle = directory.issueHandle(session, EMPTY);

        now.addAndGet(SessionDirectory.RETENTION.plusSeconds(1).toNanos()); // nothing made since: no sweep ran

        assertThat(directory.resumePoint(handle)).isEmpty();
        assertThat(directory.find(session.sessionId())).isEmpty();
    }
}
