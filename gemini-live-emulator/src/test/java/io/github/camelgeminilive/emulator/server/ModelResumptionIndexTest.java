package io.github.camelgeminilive.emulator.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;

import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import io.github.camelgeminilive.emulator.GeminiLiveEmulator;
import io.github.camelgeminilive.protocol.ServerMessage;
import io.github.camelgeminilive.protocol.SessionResumptionUpdate;

/**
 * With the simulated model and {@code transparent: true}, a handle's {@code lastConsumedClientMessageIndex} leaves
 * out an utterance still in progress, and replaying exactly the messages after it counts every sample once.
 */
class ModelResumptionIndexTest {

    private static final String SETUP = "{\"setup\":{\"model\":\"" + Frames.NATIVE_AUDIO + "\","
            + "\"realtimeInputConfig\":{\"automaticActivityDetection\":{\"disabled\":true}},"
            + "\"sessionResumption\":{\"transparent\":true%s}}}";
    private static final String ACTIVITY_START = "{\"realtimeInput\":{\"activityStart\":{}}}";
    private static final String ACTIVITY_END = "{\"realtimeInput\":{\"activityEnd\":{}}}";

    private static GeminiLiveEmulator emu;

    @BeforeAll
    static void start() {
        emu = GeminiLiveEmulator.builder().pace(0).build().start();
    }

    @AfterAll
    static void stop() {
        emu.close();
    }

    @Test
    void replayingAfterTheIndexCountsEverySampleOnce() throws Exception {
        String id;
        String handle;
        try (WsTestClient first = connect()) {
            first.send(String.format(SETUP, ""));
            id = first.next().setupComplete().sessionId();
            first.send(Frames.audio(new byte[2000])); // 0
            first.send(Frames.text("hello")); // 1: a turn
            first.send(ACTIVITY_START); // 2: an utterance begins
            first.send(Frames.audio(new byte[1000])); // 3
            first.send(Frames.audio(new byte[600])); // 4
            SessionResumptionUpdate update = first.next(ModelResumptionIndexTest::indexed).sessionResumptionUpdate();
            assertThat(update.lastConsumedClientMessageIndex()).as("the utterance is not in the state yet")
                    .isEqualTo(1L);
            handle = update.newHandle();
            Awaitility.await().until(() -> emu.admin().session(id).orElseThrow().clientMessages() == 5);
            emu.admin().drop(id);
        }
        try (WsTestClient second = connect()) {
            second.send(String.format(SETUP, ",\"handle\":\"" + handle + "\""));
            assertThat(second.next().setupComplete().sessionId()).isEqualTo(id);
            assertThat(emu.admin().session(id).orElseThrow().audioSamplesInState()).isEqualTo(1000);
            second.send(ACTIVITY_START); // replay of 2..4
            second.send(Frames.audio(new byte[1000]));
            second.send(Frames.audio(new byte[600]));
            second.send(ACTIVITY_END);
            second.next(m -> m.serverContent() != null && Boolean.TRUE.equals(m.serverContent().turnComplete()));
            assertThat(emu.admin().session(id).orElseThrow().audioSamplesInState()).isEqualTo(1800);
        }
    }

    private static boolean indexed(ServerMessage m) {
        SessionResumptionUpdate u = m.sessionResumptionUpdate();
        return u != null && u.newHandle() != null && u.lastConsumedClientMessageIndex() != null;
    }

    private static WsTestClient connect() {
        return WsTestClient.connect(Endpoints.gemini(emu), Map.of("x-goog-api-key", "k"));
    }
}
