package io.github.camelgeminilive.emulator.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import io.github.camelgeminilive.emulator.GeminiLiveEmulator;
import io.github.camelgeminilive.emulator.SessionInfo;

/**
 * Every frame is checked against the protocol (docs/wire-protocol.md, Client messages); violations close with 1007
 * and a reason naming the problem.
 */
class ValidationTest {

    private static final String NATIVE_SETUP = Frames.setup(Frames.NATIVE_AUDIO);
    private static final String LIVE_31_SETUP = Frames.setup(Frames.FLASH_LIVE_3_1);

    private static GeminiLiveEmulator emu;
    private static RecordingEngine engine;

    @BeforeAll
    static void start() {
        engine = new RecordingEngine();
        emu = GeminiLiveEmulator.builder().engine(engine).build().start();
    }

    @AfterAll
    static void stop() {
        emu.close();
    }

    static Stream<Arguments> violations() {
        String audio = "{\"realtimeInput\":{\"audio\":{\"mimeType\":\"%s\",\"data\":\"%s\"}}}";
        return Stream.of(
                Arguments.of("not JSON", List.of("{setup"), "not valid JSON"),
                Arguments.of("JSON array", List.of("[1,2]"), "must be a JSON object"),
                Arguments.of("setup not first", List.of(Frames.text("hi")), "setup must be the first message"),
                Arguments.of("setup twice", List.of(NATIVE_SETUP, NATIVE_SETUP), "only once"),
                Arguments.of("two top-level fields", List.of(NATIVE_SETUP,
                        "{\"realtimeInput\":{\"text\":\"a\"},\"toolResponse\":{}}"), "exactly one of setup"),
                Arguments.of("no top-level field", List.of(NATIVE_SETUP, "{}"), "got none"),
                Arguments.of("unknown top-level field", List.of(NATIVE_SETUP, "{\"realtimeInputs\":{\"text\":\"a\"}}"),
                        "Unknown name \"realtimeInputs\""),
                Arguments.of("unknown field before setup", List.of("{\"setupp\":{\"model\":\"x\"}}"),
                        "Unknown name \"setupp\""),
                Arguments.of("two realtimeInput fields", List.of(NATIVE_SETUP,
                        "{\"realtimeInput\":{\"text\":\"a\",\"audioStreamEnd\":true}}"),
                        "realtimeInput must carry exactly one"),
                Arguments.of("unknown realtimeInput field", List.of(NATIVE_SETUP,
                        "{\"realtimeInput\":{\"speech\":{}}}"), "Unknown name \"speech\""),
                Arguments.of("bad MIME type", List.of(NATIVE_SETUP, String.format(audio, "audio/wav", "AAAA")),
                        "Unsupported MIME type 'audio/wav'"),
                Arguments.of("bad PCM rate", List.of(NATIVE_SETUP,
                        String.format(audio, "audio/pcm;rate=fast", "AAAA")), "Unsupported MIME type"),
                Arguments.of("zero PCM rate", List.of(NATIVE_SETUP,
                        String.format(audio, "audio/pcm;channels=1;rate=0", "AAAA")), "Unsupported MIME type"),
                Arguments.of("image as audio", List.of(NATIVE_SETUP, String.format(audio, "image/png", "AAAA")),
                        "realtimeInput.audio does not take MIME type 'image/png'"),
                Arguments.of("bad base64", List.of(NATIVE_SETUP,
                        String.format(audio, "audio/pcm;rate=16000", "not*base64!")), "not valid base64"),
                Arguments.of("bad base64 in clientContent", List.of(NATIVE_SETUP,
                        "{\"clientContent\":{\"turns\":[{\"role\":\"user\",\"parts\":[{\"inlineData\":"
                                + "{\"mimeType\":\"image/jpeg\",\"data\":\"%%%\"}}]}]}}"),
                        "clientContent.turns[0].parts[0].inlineData.data is not valid base64"),
                Arguments.of("missing model", List.of("{\"setup\":{}}"), "setup.model is required"),
                Arguments.of("TEXT modality on native audio", List.of("{\"setup\":{\"model\":\"" + Frames.NATIVE_AUDIO
                        + "\",\"generationConfig\":{\"responseModalities\":[\"TEXT\"]}}}"), "TEXT is not supported"),
                Arguments.of("mediaChunks on 3.1", List.of(LIVE_31_SETUP,
                        "{\"realtimeInput\":{\"mediaChunks\":[{\"mimeType\":\"audio/pcm\",\"data\":\"AAAA\"}]}}"),
                        "mediaChunks is not supported"),
                Arguments.of("null handle on 3.1", List.of("{\"setup\":{\"model\":\"" + Frames.FLASH_LIVE_3_1
                        + "\",\"sessionResumption\":{\"handle\":null}}}"), "handle is null or empty"),
                Arguments.of("empty handle on 3.1", List.of("{\"setup\":{\"model\":\"" + Frames.FLASH_LIVE_3_1
                        + "\",\"session_resumption\":{\"handle\":\"\"}}}"), "handle is null or empty"),
                Arguments.of("unknown handle", List.of(Frames.setupResuming(Frames.NATIVE_AUDIO, "no-such-handle")),
                        "Invalid resumption handle"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("violations")
    void closesWith1007NamingTheProblem(String name, List<String> frames, String reason) {
        try (WsTestClient c = WsTestClient.connect(Endpoints.gemini(emu), Map.of("x-goog-api-key", "k"))) {
            frames.forEach(c::send);
            WsTestClient.Close close = c.awaitClose();
            assertThat(close.code()).isEqualTo(1007);
            assertThat(close.reason()).contains(reason);
        }
    }

    @Test
    void nativeAudioAcceptsMediaChunksAndANullHandle() throws Exception {
        try (WsTestClient c = WsTestClient.connect(Endpoints.gemini(emu), Map.of("x-goog-api-key", "k"))) {
            c.send("{\"setup\":{\"model\":\"" + Frames.NATIVE_AUDIO + "\",\"sessionResumption\":{\"handle\":null}}}");
            String id = c.next().setupComplete().sessionId();
            c.send("{\"realtimeInput\":{\"mediaChunks\":[{\"mimeType\":\"audio/pcm;rate=8000\",\"data\":\"AAAAAAAA\"},"
                    + "{\"mimeType\":\"image/png\",\"data\":\"AAAA\"}]}}");
            Awaitility.await().untilAsserted(() -> {
                SessionInfo info = emu.admin().session(id).orElseThrow();
                assertThat(info.clientMessages()).isEqualTo(1);
                assertThat(info.audioSamples()).isEqualTo(3);
                assertThat(info.videoFrames()).isEqualTo(1);
            });
            assertThat(c.closed).isNotDone();
        }
    }

    @Test
    void pcmTypesWithOtherParametersAreAcceptedAsTheClientSendsThem() throws Exception {
        try (WsTestClient c = WsTestClient.connect(Endpoints.gemini(emu), Map.of("x-goog-api-key", "k"))) {
            c.send(NATIVE_SETUP);
            String id = c.next().setupComplete().sessionId();
            String audio = "{\"realtimeInput\":{\"audio\":{\"mimeType\":\"%s\",\"data\":\"AAAAAAAA\"}}}";
            c.send(String.format(audio, "audio/pcm;rate=16000;channels=1"));
            c.send(String.format(audio, " Audio/PCM ; channels=1 ; rate = 8000 "));
            c.send(String.format(audio, "audio/pcm;channels=1"));
            Awaitility.await().untilAsserted(() -> assertThat(deliveriesOf(id)).hasSize(3));
            assertThat(deliveriesOf(id)).extracting(d -> d.message().realtimeInput().audio().mimeType())
                    .containsExactly("audio/pcm;rate=16000;channels=1", " Audio/PCM ; channels=1 ; rate = 8000 ",
                            "audio/pcm;channels=1");
            assertThat(emu.admin().session(id).orElseThrow().audioSamples()).isEqualTo(3 * 3);
            assertThat(c.closed).isNotDone();
        }
    }

    @Test
    void mediaInTheUrlSafeBase64AlphabetIsAcceptedAsProtobufJsonReadsIt() throws Exception {
        try (WsTestClient c = WsTestClient.connect(Endpoints.gemini(emu), Map.of("x-goog-api-key", "k"))) {
            c.send(NATIVE_SETUP);
            String id = c.next().setupComplete().sessionId();
            // FB FF FB FF: "+//7/w==" in the standard alphabet
            c.send("{\"realtimeInput\":{\"audio\":{\"mimeType\":\"audio/pcm;rate=16000\",\"data\":\"-__7_w\"}}}");
            Awaitility.await().untilAsserted(() -> assertThat(deliveriesOf(id)).hasSize(1));
            assertThat(deliveriesOf(id).get(0).message().realtimeInput().audio().data())
                    .containsExactly(0xFB, 0xFF, 0xFB, 0xFF);
            assertThat(c.closed).isNotDone();
        }
    }

    @Test
    void largeFramesAreAccepted() throws Exception {
        try (WsTestClient c = WsTestClient.connect(Endpoints.gemini(emu), Map.of("x-goog-api-key", "k"))) {
            c.send(NATIVE_SETUP);
            String id = c.next().setupComplete().sessionId();
            c.send(Frames.video(new byte[3 * 1024 * 1024]));
            c.send(Frames.audio(new byte[64_000]));
            Awaitility.await().untilAsserted(() -> {
                SessionInfo info = emu.admin().session(id).orElseThrow();
                assertThat(info.videoFrames()).isEqualTo(1);
                assertThat(info.audioSamples()).isEqualTo(32_000);
            });
        }
    }

    @Test
    void flashLiveAcceptsAnOmittedHandle() throws Exception {
        try (WsTestClient c = WsTestClient.connect(Endpoints.gemini(emu), Map.of("x-goog-api-key", "k"))) {
            c.send("{\"setup\":{\"model\":\"" + Frames.FLASH_LIVE_3_1 + "\",\"sessionResumption\":{}}}");
            assertThat(c.next().setupComplete().sessionId()).isNotBlank();
        }
    }

    @Test
    void messagesReachTheModelInArrivalOrderWithTheirIndex() throws Exception {
        try (WsTestClient c = WsTestClient.connect(Endpoints.gemini(emu), Map.of("x-goog-api-key", "k"))) {
            c.send(NATIVE_SETUP);
            String id = c.next().setupComplete().sessionId();
            int n = 300;
            for (int i = 0; i < n; i++) {
                c.send(i % 3 == 0 ? Frames.audio(new byte[320]) : "{\"realtimeInput\":{\"text\":\"m" + i + "\"}}");
            }
            Awaitility.await().until(() -> deliveriesOf(id).size() == n);
            List<RecordingEngine.Delivery> got = deliveriesOf(id);
            for (int i = 0; i < n; i++) {
                assertThat(got.get(i).index()).isEqualTo(i);
                if (i % 3 != 0) {
                    assertThat(got.get(i).message().realtimeInput().text()).isEqualTo("m" + i);
                }
                assertThat(got.get(i).thread()).as("model work runs off the I/O threads")
                        .doesNotContain("I/O");
            }
            assertThat(emu.admin().session(id).orElseThrow().audioSamples()).isEqualTo(100L * 160);
        }
    }

    private static List<RecordingEngine.Delivery> deliveriesOf(String sessionId) {
        List<RecordingEngine.Delivery> out = new ArrayList<>();
        for (RecordingEngine.Delivery d : engine.deliveries) {
            if (d.sessionId().equals(sessionId)) {
                out.add(d);
            }
        }
        return out;
    }
}
