package io.github.camelgeminilive.emulator.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;

import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import io.github.camelgeminilive.emulator.GeminiLiveEmulator;
import io.github.camelgeminilive.emulator.SessionInfo;

/**
 * The counters resilience tests assert on: audio in the session's state rolls back to the handle on resume and
 * counts replays again; connection attempts count refused upgrades too.
 */
class AudioInStateTest {

    private static GeminiLiveEmulator emu;

    @BeforeAll
    static void start() {
        emu = GeminiLiveEmulator.builder().apiKey(Endpoints.KEY).engine(new RecordingEngine()).build().start();
    }

    @AfterAll
    static void stop() {
        emu.close();
    }

    @Test
    void audioInStateRollsBackToTheHandleAndCountsReplaysAgain() throws Exception {
        String id;
        String handle;
        try (WsTestClient first = connect()) {
            first.send(Frames.setup(Frames.NATIVE_AUDIO));
            id = first.next().setupComplete().sessionId();
            first.send(Frames.audio(new byte[2000])); // 0: 1000 samples
            first.send(Frames.text("mark")); // 1: handle covering 0..1
            var update = first.next(m -> m.sessionResumptionUpdate() != null).sessionResumptionUpdate();
            assertThat(update.lastConsumedClientMessageIndex()).isEqualTo(1L);
            handle = update.newHandle();
            first.send(Frames.audio(new byte[1000])); // 2: 500 samples
            first.send(Frames.audio(new byte[400])); // 3: 200 samples
            Awaitility.await().until(() -> info(id).clientMessages() == 4);
            assertThat(info(id).audioSamplesInState()).isEqualTo(1700);
            emu.admin().drop(id);
            Awaitility.await().until(first.closed::isDone);
        }
        try (WsTestClient second = connect()) {
            second.send(Frames.setupResuming(Frames.NATIVE_AUDIO, handle));
            second.next();
            SessionInfo resumed = info(id);
            assertThat(resumed.audioSamplesInState()).as("rolled back to the handle").isEqualTo(1000);
            assertThat(resumed.audioSamplesReceived()).isEqualTo(1700);
            assertThat(resumed.connectionsOpened()).isEqualTo(2);

            second.send(Frames.audio(new byte[1000])); // replay of 2
            second.send(Frames.audio(new byte[400])); // replay of 3
            Awaitility.await().until(() -> info(id).clientMessages() == 6);
            assertThat(info(id).audioSamplesInState()).as("each sample once").isEqualTo(1700);

            second.send(Frames.audio(new byte[2000])); // a duplicate of 0
            Awaitility.await().until(() -> info(id).clientMessages() == 7);
            assertThat(info(id).audioSamplesInState()).as("a duplicate shows as a surplus").isEqualTo(2700);
            assertThat(info(id).audioSamplesReceived()).isEqualTo(3400);
        }
    }

    @Test
    void anOlderHandleRestoresItsOwnConversationAndAudio() throws Exception {
        String id;
        String older;
        try (WsTestClient first = connect()) {
            first.send(Frames.setup(Frames.NATIVE_AUDIO));
            id = first.next().setupComplete().sessionId();
            first.send(Frames.audio(new byte[200]));
            first.send(Frames.text("one"));
            older = first.next(m -> m.sessionResumptionUpdate() != null).sessionResumptionUpdate().newHandle();
            first.send(Frames.audio(new byte[600]));
            first.send(Frames.text("two"));
            first.next(m -> m.sessionResumptionUpdate() != null);
            assertThat(info(id).historySize()).isEqualTo(2);
            first.closeNormally();
        }
        try (WsTestClient second = connect()) {
            second.send(Frames.setupResuming(Frames.NATIVE_AUDIO, older));
            second.next();
            assertThat(info(id).historySize()).isEqualTo(1);
            assertThat(info(id).audioSamplesInState()).isEqualTo(100);
        }
    }

    @Test
    void connectionAttemptsCountRefusedUpgrades() throws Exception {
        long before = emu.admin().connectionAttempts();
        try (WsTestClient refused = WsTestClient.connect(Endpoints.gemini(emu), Map.of("x-goog-api-key", "wrong"))) {
            assertThat(refused.awaitClose().code()).isEqualTo(1008);
        }
        assertThat(emu.admin().connectionAttempts()).isEqualTo(before + 1);
        try (WsTestClient invalid = connect()) {
            invalid.send(Frames.text("no setup first"));
            assertThat(invalid.awaitClose().code()).isEqualTo(1007);
        }
        assertThat(emu.admin().connectionAttempts()).isEqualTo(before + 2);
        assertThat(AdminHttp.get(emu, "/emulator/stats").body()).contains("\"connectionAttempts\":" + (before + 2));
        assertThat(AdminHttp.get(emu, "/emulator/stats").statusCode()).isEqualTo(200);
        assertThat(AdminHttp.post(emu, "/emulator/stats").statusCode()).isEqualTo(405);
    }

    private static SessionInfo info(String id) {
        return emu.admin().session(id).orElseThrow();
    }

    private static WsTestClient connect() {
        return WsTestClient.connect(Endpoints.gemini(emu), Map.of("x-goog-api-key", Endpoints.KEY));
    }
}
