package io.github.camelgeminilive.emulator.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import io.github.camelgeminilive.emulator.GeminiLiveEmulator;
import io.github.camelgeminilive.protocol.ServerMessage;

/** setup/setupComplete, binary framing and a first turn through the default simulated model. */
class SetupAndFramingTest {

    private static GeminiLiveEmulator emu;

    @BeforeAll
    static void start() {
        emu = GeminiLiveEmulator.builder().apiKey(Endpoints.KEY).pace(0).build().start();
    }

    @AfterAll
    static void stop() {
        emu.close();
    }

    @Test
    void setupCompleteCarriesSessionIdInABinaryFrame() throws Exception {
        try (WsTestClient c = WsTestClient.connect(Endpoints.gemini(emu), Map.of("x-goog-api-key", Endpoints.KEY))) {
            c.send(Frames.setup(Frames.NATIVE_AUDIO));
            WsTestClient.Frame first = c.nextFrame();
            assertThat(first.binary()).as("server JSON goes in binary frames").isTrue();
            ServerMessage m = first.message();
            assertThat(m.setupComplete()).isNotNull();
            assertThat(m.setupComplete().sessionId()).isNotBlank();
            assertThat(emu.admin().session(m.setupComplete().sessionId())).isPresent();
        }
    }

    @Test
    void stoppingTheEmulatorClosesOpenSessionsWithGoingAway() throws Exception {
        GeminiLiveEmulator own = GeminiLiveEmulator.builder().engine(new RecordingEngine()).build().start();
        try (WsTestClient c = WsTestClient.connect(Endpoints.gemini(own), Map.of("x-goog-api-key", "k"))) {
            c.send(Frames.setup(Frames.NATIVE_AUDIO));
            assertThat(c.next().setupComplete()).isNotNull();
            own.close();
            assertThat(c.awaitClose().code()).isEqualTo(1001);
        }
    }

    @Test
    void acceptsBinaryClientFramesAndSnakeCaseNames() throws Exception {
        try (WsTestClient c = WsTestClient.connect(Endpoints.gemini(emu), Map.of("x-goog-api-key", Endpoints.KEY))) {
            c.sendBinary("{\"setup\":{\"model\":\"" + Frames.NATIVE_AUDIO
                    + "\",\"generation_config\":{\"response_modalities\":[\"AUDIO\"]}}}");
            String sessionId = c.next().setupComplete().sessionId();
            c.sendBinary(
                    "{\"realtime_input\":{\"audio\":{\"mime_type\":\"audio/pcm;rate=16000\",\"data\":\"AAAAAA==\"}}}");
            c.send("{\"realtime_input\":{\"audio_stream_end\":true}}");
            org.awaitility.Awaitility.await().untilAsserted(() -> assertThat(emu.admin().session(sessionId)
                    .orElseThrow().clientMessages()).isEqualTo(2));
            assertThat(emu.admin().session(sessionId).orElseThrow().audioSamples()).isEqualTo(2);
            assertThat(c.closed).isNotDone();
        }
    }

    @Test
    void textTurnGetsTheDefaultModelsReply() throws Exception {
        try (WsTestClient c = WsTestClient.connect(Endpoints.gemini(emu), Map.of("x-goog-api-key", Endpoints.KEY))) {
            c.send("{\"setup\":{\"model\":\"" + Frames.NATIVE_AUDIO + "\",\"outputAudioTranscription\":{}}}");
            assertThat(c.next().setupComplete()).isNotNull();
            c.send("{\"clientContent\":{\"turns\":[{\"role\":\"user\",\"parts\":[{\"text\":\"hello\"}]}],"
                    + "\"turnComplete\":true}}");
            StringBuilder transcript = new StringBuilder();
            int audioBytes = 0;
            while (true) {
                WsTestClient.Frame f = c.nextFrame();
                assertThat(f.binary()).isTrue();
                ServerMessage m = f.message();
                if (m.serverContent() == null) {
                    continue;
                }
                if (m.serverContent().outputTranscription() != null) {
                    transcript.append(m.serverContent().outputTranscription().text());
                }
                if (m.serverContent().modelTurn() != null) {
                    for (var part : m.serverContent().modelTurn().parts()) {
                        if (part.inlineData() != null) {
                            assertThat(part.inlineData().mimeType()).isEqualTo("audio/pcm;rate=24000");
                            audioBytes += part.inlineData().data().length;
                        }
                    }
                }
                if (m.serverContent().isTurnComplete()) {
                    break;
                }
            }
            assertThat(transcript.toString()).contains("You said: hello");
            assertThat(audioBytes).isPositive();
        }
    }
}
