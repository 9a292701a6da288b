package io.github.camelgeminilive.emulator.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.ConnectException;
import java.net.Socket;
import java.util.Map;

import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.github.camelgeminilive.emulator.GeminiLiveEmulator;
import io.github.camelgeminilive.emulator.SessionInfo;

/** stop() crashes the emulator as far as clients can tell; start() brings it back on the same port, state kept. */
class StopStartTest {

    private GeminiLiveEmulator emu;

    @BeforeEach
    void start() {
        emu = GeminiLiveEmulator.builder().engine(new RecordingEngine()).build().start();
    }

    @AfterEach
    void close() {
        emu.close();
    }

    @Test
    void aSessionStaysResumableByHandleOnTheSamePortWithItsCounters() throws Exception {
        int port = emu.port();
        String sessionId;
        String handle;
        try (WsTestClient c = connect()) {
            c.send(Frames.setup(Frames.NATIVE_AUDIO));
            sessionId = c.next().setupComplete().sessionId();
            c.send(Frames.audio(new byte[3200]));
            c.send(Frames.text("My name is Alice"));
            handle = c.next(m -> m.sessionResumptionUpdate() != null).sessionResumptionUpdate().newHandle();

            emu.stop();
            assertAbnormalClosure(c);
        }
        assertThatThrownBy(() -> new Socket("127.0.0.1", port).close()).as("the port is released")
                .isInstanceOf(ConnectException.class);
        SessionInfo stopped = emu.admin().session(sessionId).orElseThrow();
        assertThat(stopped.openConnections()).isZero();
        assertThat(stopped.audioSamplesReceived()).isEqualTo(1600);

        emu.start();
        assertThat(emu.port()).isEqualTo(port);
        try (WsTestClient c = connect()) {
            c.send(Frames.setupResuming(Frames.NATIVE_AUDIO, handle));
            assertThat(c.next().setupComplete().sessionId()).isEqualTo(sessionId);
            SessionInfo resumed = AdminHttp.sessions(emu).stream().filter(s -> s.sessionId().equals(sessionId))
                    .findFirst().orElseThrow();
            assertThat(resumed.connectionsOpened()).isEqualTo(2);
            assertThat(resumed.openConnections()).isEqualTo(1);
            assertThat(resumed.clientMessages()).isEqualTo(2);
            assertThat(resumed.audioSamplesReceived()).isEqualTo(1600);
            assertThat(resumed.audioSamplesInState()).isEqualTo(1600);
            assertThat(resumed.historySize()).isEqualTo(1);
        }
    }

    @Test
    void stopCutsEveryConnectionWithoutACloseFrameEvenBeforeSetup() throws Exception {
        try (WsTestClient set = connect(); WsTestClient bare = connect()) {
            set.send(Frames.setup(Frames.NATIVE_AUDIO));
            set.next();
            emu.stop();
            assertAbnormalClosure(set);
            assertAbnormalClosure(bare);
        }
        emu.stop(); // a second stop does nothing
        emu.start();
        assertThatThrownBy(emu::start).isInstanceOf(IllegalStateException.class);
        try (WsTestClient again = connect()) {
            again.send(Frames.setup(Frames.NATIVE_AUDIO));
            assertThat(again.next().setupComplete()).isNotNull();
        }
        assertThat(emu.admin().connectionAttempts()).isEqualTo(3);
    }

    @Test
    void closeDiscardsTheSessionsAndAStartBeginsAfresh() throws Exception {
        try (WsTestClient c = connect()) {
            c.send(Frames.setup(Frames.NATIVE_AUDIO));
            c.next();
        }
        emu.close();
        assertThatThrownBy(emu::stop).isInstanceOf(IllegalStateException.class);
        emu.start();
        assertThat(emu.admin().sessions()).isEmpty();
        assertThat(emu.admin().connectionAttempts()).isZero();
    }

    private static void assertAbnormalClosure(WsTestClient c) {
        Awaitility.await().until(c.closed::isDone);
        assertThat(c.closed).satisfiesAnyOf(
                f -> assertThat(f).isCompletedExceptionally(),
                f -> assertThat(f.join().code()).as("abnormal closure, no close frame").isEqualTo(1006));
    }

    private WsTestClient connect() {
        return WsTestClient.connect(Endpoints.gemini(emu), Map.of("x-goog-api-key", "k"));
    }
}
