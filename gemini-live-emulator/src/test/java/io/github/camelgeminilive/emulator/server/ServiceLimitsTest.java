package io.github.camelgeminilive.emulator.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.github.camelgeminilive.emulator.GeminiLiveEmulator;
import io.github.camelgeminilive.protocol.ServerMessage;

/** The service's limits, shrunk to test size, over a real WebSocket. */
class ServiceLimitsTest {

    /** 100 ms of 16 kHz silence. */
    private static final String SILENCE = Frames.audio(new byte[3_200]);
    private static final String COMPRESSED = "{\"setup\":{\"model\":\"" + Frames.NATIVE_AUDIO
            + "\",\"contextWindowCompression\":{\"triggerTokens\":100,\"slidingWindow\":{\"targetTokens\":50}}}}";
    private static final String RESUMABLE = "{\"setup\":{\"model\":\"" + Frames.NATIVE_AUDIO
            + "\",\"sessionResumption\":{}}}";
    /** 80 characters: 20 estimated tokens; the reply ("You said: " and it) adds 23 more. */
    private static final String LINE = "x".repeat(80);

    private GeminiLiveEmulator emu;

    @AfterEach
    void close() {
        emu.close();
    }

    private GeminiLiveEmulator start(GeminiLiveEmulator.Builder builder) {
        emu = builder.pace(0).build().start();
        return emu;
    }

    @Test
    void aConnectionEndsByItselfAfterItsLifetimeWithGoAwayFirst() throws Exception {
        start(GeminiLiveEmulator.builder().connectionLifetime(Duration.ofMillis(1500))
                .goAwayBefore(Duration.ofSeconds(1)));
        try (WsTestClient ws = connect("k")) {
            ws.send(Frames.setup(Frames.NATIVE_AUDIO));
            ws.next();
            ServerMessage goAway = ws.next(m -> m.goAway() != null);
            assertThat(goAway.goAway().timeLeft()).isEqualTo(Duration.ofSeconds(1));
            WsTestClient.Close close = ws.awaitClose();
            assertThat(close.code()).isEqualTo(1000);
            assertThat(close.reason()).contains("lifetime");
        }
    }

    @Test
    void aSessionWithoutCompressionIsClosedAtItsLengthAndOneWithCompressionIsNot() throws Exception {
        start(GeminiLiveEmulator.builder().sessionLength(Duration.ofSeconds(1), Duration.ZERO));
        try (WsTestClient plain = connect("k")) {
            plain.send(Frames.setup(Frames.NATIVE_AUDIO));
            plain.next();
            // the tenth frame reaches the length and the service closes: a frame sent after it could find it closed
            for (int i = 0; i < 10; i++) {
                plain.send(SILENCE);
            }
            WsTestClient.Close close = plain.awaitClose();
            assertThat(close.code()).isEqualTo(1011);
            assertThat(close.reason()).isEqualTo("Deadline expired before operation could complete.");
        }
        try (WsTestClient compressed = connect("k")) {
            compressed.send(COMPRESSED);
            compressed.next();
            for (int i = 0; i < 12; i++) {
                compressed.send(SILENCE);
            }
            compressed.send(Frames.text("still here"));
            assertThat(compressed.next(ServiceLimitsTest::turnComplete)).isNotNull();
        }
    }

    @Test
    void videoShortensTheSessionAndAResumeContinuesItsClock() throws Exception {
        start(GeminiLiveEmulator.builder().sessionLength(Duration.ofSeconds(30), Duration.ofSeconds(1)));
        String handle;
        try (WsTestClient first = connect("k")) {
            first.send(RESUMABLE);
            first.next();
            handle = first.next(m -> m.sessionResumptionUpdate() != null).sessionResumptionUpdate().newHandle();
            first.send(Frames.video(new byte[] {(byte) 0xFF, (byte) 0xD8, (byte) 0xFF}));
            for (int i = 0; i < 6; i++) {
                first.send(SILENCE);
            }
            first.send(Frames.text("below the limit"));
            assertThat(first.next(ServiceLimitsTest::turnComplete)).isNotNull();
            first.closeNormally();
        }
        try (WsTestClient second = connect("k")) {
            second.send("{\"setup\":{\"model\":\"" + Frames.NATIVE_AUDIO + "\",\"sessionResumption\":{\"handle\":\""
                    + handle + "\"}}}");
            second.next();
            for (int i = 0; i < 4; i++) { // the last one reaches the length (none after it: it may find the close)
                second.send(SILENCE);
            }
            WsTestClient.Close close = second.awaitClose();
            assertThat(close.code()).as("1 s of audio with video, over two connections").isEqualTo(1011);
        }
    }

    @Test
    void aConversationBeyondTheWindowEndsTheSessionWithoutCompression() throws Exception {
        start(GeminiLiveEmulator.builder().contextWindowTokens(60));
        try (WsTestClient ws = connect("k")) {
            ws.send(Frames.setup(Frames.NATIVE_AUDIO));
            ws.next();
            ws.send(Frames.text(LINE));
            assertThat(ws.next(ServiceLimitsTest::turnComplete).usageMetadata().promptTokenCount()).isEqualTo(20);
            ws.send(Frames.text(LINE));
            WsTestClient.Close close = ws.awaitClose();
            assertThat(close.code()).isEqualTo(1007);
            assertThat(close.reason()).contains("input token count (63)").contains("allowed (60)");
        }
    }

    @Test
    void compressionDropsTheOldestTurnsAndTheUsageShowsIt() throws Exception {
        start(GeminiLiveEmulator.builder().contextWindowTokens(200));
        try (WsTestClient ws = connect("k")) {
            ws.send(COMPRESSED);
            String sessionId = ws.next().setupComplete().sessionId();
            List<Integer> prompts = new ArrayList<>();
            for (int i = 0; i < 6; i++) {
                ws.send(Frames.text(LINE));
                prompts.add(ws.next(ServiceLimitsTest::turnComplete).usageMetadata().promptTokenCount());
            }
            // each turn adds 20 + 23 tokens; at 106 >= 100 (the trigger) the oldest turns go until 43 <= 50 is left
            assertThat(prompts).containsExactly(20, 63, 43, 86, 43, 86);
            assertThat(emu.admin().session(sessionId).orElseThrow().historySize()).isLessThanOrEqualTo(5);
        }
    }

    @Test
    void theTurnThatTriggersCompressionIsAnsweredWithoutTheTurnsItDropped() throws Exception {
        start(GeminiLiveEmulator.builder().contextWindowTokens(200));
        try (WsTestClient ws = connect("k")) {
            ws.send(COMPRESSED.replace("\"contextWindowCompression\"",
                    "\"outputAudioTranscription\":{},\"contextWindowCompression\""));
            ws.next();
            ws.send(Frames.text("My name is Alice"));
            ws.next(ServiceLimitsTest::turnComplete);
            // about 100 tokens on its own: over the trigger, so every earlier turn is dropped before it is answered
            ws.send(Frames.text("x".repeat(400) + " What is my name?"));
            StringBuilder said = new StringBuilder();
            for (ServerMessage m = ws.next(); !turnComplete(m); m = ws.next()) {
                if (m.serverContent() != null && m.serverContent().outputTranscription() != null) {
                    said.append(m.serverContent().outputTranscription().text());
                }
            }
            assertThat(said.toString()).contains("I don't know your name yet").doesNotContain("Alice");
        }
    }

    @Test
    void theScenarioFileSetsLimitsAndTheBuilderWins(@TempDir Path dir) throws Exception {
        Path scenario = Files.writeString(dir.resolve("limits.yaml"),
                "limits:\n  concurrentSessions: 1\n  audioSessionLength: 1s\n");
        start(GeminiLiveEmulator.builder().scenario(scenario).sessionLength(Duration.ZERO, null));
        try (WsTestClient first = setUp("k"); WsTestClient second = connect("k")) {
            second.send(Frames.setup(Frames.NATIVE_AUDIO));
            assertThat(second.awaitClose().code()).as("the scenario's quota").isEqualTo(1011);
            for (int i = 0; i < 12; i++) {
                first.send(SILENCE);
            }
            first.send(Frames.text("no length limit: the builder turned it off"));
            assertThat(first.next(ServiceLimitsTest::turnComplete)).isNotNull();
        }
    }

    @Test
    void theQuotaRefusesOneSessionTooManyPerKeyUntilOneCloses() throws Exception {
        start(GeminiLiveEmulator.builder().concurrentSessions(2));
        try (WsTestClient a1 = setUp("a"); WsTestClient a2 = setUp("a"); WsTestClient b1 = setUp("b")) {
            try (WsTestClient a3 = connect("a")) {
                a3.send(Frames.setup(Frames.NATIVE_AUDIO));
                WsTestClient.Close refused = a3.awaitClose();
                assertThat(refused.code()).isEqualTo(1011);
                assertThat(refused.reason()).startsWith("RESOURCE_EXHAUSTED").contains("quota");
            }
            a1.closeNormally();
            try (WsTestClient a4 = setUp("a")) {
                a4.send(Frames.text("hello"));
                assertThat(a4.next(ServiceLimitsTest::turnComplete)).isNotNull();
            }
        }
    }

    private WsTestClient setUp(String key) throws InterruptedException {
        WsTestClient ws = connect(key);
        ws.send(Frames.setup(Frames.NATIVE_AUDIO));
        assertThat(ws.next().setupComplete()).isNotNull();
        return ws;
    }

    private WsTestClient connect(String key) {
        return WsTestClient.connect(Endpoints.gemini(emu), Map.of("x-goog-api-key", key));
    }

    private static boolean turnComplete(ServerMessage m) {
        return m.serverContent() != null && m.serverContent().isTurnComplete();
    }
}
