package io.github.camelgeminilive.session;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.time.Duration;
import java.util.concurrent.TimeUnit;

import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import io.github.camelgeminilive.emulator.GeminiLiveEmulator;
import io.github.camelgeminilive.protocol.Setup;
import io.github.camelgeminilive.testing.EventRecorder;
import io.github.camelgeminilive.transport.ConnectionOptions;
import io.github.camelgeminilive.transport.ConnectionOptions.Flavour;

/** Resumption by handle across connections, and the three endpoint flavours. */
class EmulatorResumptionAndFlavoursTest {

    private static final String KEY = "resume-test-key-91b2";
    private static final String MODEL = "models/gemini-2.5-flash-native-audio-latest";

    private static GeminiLiveEmulator emulator;

    @BeforeAll
    static void start() {
        emulator = GeminiLiveEmulator.builder().port(0).pace(0).apiKey(KEY).build().start();
    }

    @AfterAll
    static void stop() {
        emulator.close();
    }

    private static String transcript(EventRecorder events) {
        return events.of(LiveEvent.OutputTranscription.class).stream().map(t -> t.transcription().text())
                .reduce("", String::concat);
    }

    @Test
    void aNewConnectionResumesTheSessionWithItsMemory() throws Exception {
        Setup setup = Setup.builder(MODEL).outputAudioTranscription(true)
                .sessionResumption(new Setup.SessionResumptionConfig(null, null)).build();
        try (LiveClient client = LiveClient.create(ConnectionOptions.geminiApi(emulator.baseUrl(), () -> KEY))) {
            EventRecorder first = new EventRecorder();
            LiveSession session = client.connect(SessionOptions.of(setup), null, first).get(10, TimeUnit.SECONDS);
            session.sendText("My name is Alice").get(5, TimeUnit.SECONDS);
            first.awaitCount(LiveEvent.TurnComplete.class, 1);
            Awaitility.await().atMost(Duration.ofSeconds(10)).until(() -> first.of(LiveEvent.ResumptionUpdate.class)
                    .stream().anyMatch(u -> u.resumable() && u.newHandle() != null));
            String handle = session.resumptionHandle().orElseThrow();
            String sessionId = session.sessionId();
            session.close();
            first.awaitClosed();

            EventRecorder second = new EventRecorder();
            try (LiveSession resumed = client.connect(SessionOptions.of(setup), handle, second)
                    .get(10, TimeUnit.SECONDS)) {
                assertThat(resumed.sessionId()).isEqualTo(sessionId);
                resumed.sendText("What is my name?").get(5, TimeUnit.SECONDS);
                second.awaitCount(LiveEvent.TurnComplete.class, 1);
                assertThat(transcript(second)).contains("Your name is Alice.");
            }
            assertThat(emulator.admin().session(sessionId).orElseThrow().connections()).hasSize(2);
        }
    }

    @Test
    void flashLiveModelsGetRealtimeTextTurnsAndNoEmptyResumptionHandle() throws Exception {
        // 3.1 Flash Live closes with 1007 on a null handle or mediaChunks, and sends several parts per message
        Setup setup = Setup.builder("models/gemini-3.1-flash-live-preview").outputAudioTranscription(true)
                .sessionResumption(new Setup.SessionResumptionConfig(null, null)).build();
        EventRecorder events = new EventRecorder();
        try (LiveClient client = LiveClient.create(ConnectionOptions.geminiApi(emulator.baseUrl(), () -> KEY));
                LiveSession session = client.connect(SessionOptions.of(setup), " ", events)
                        .get(10, TimeUnit.SECONDS)) {
            session.sendText("Hello three one").get(5, TimeUnit.SECONDS);
            events.awaitCount(LiveEvent.TurnComplete.class, 1);
            assertThat(transcript(events)).isEqualTo("You said: Hello three one");
            assertThat(events.of(LiveEvent.Audio.class)).isNotEmpty();
            assertThat(session.isOpen()).isTrue();
        }
    }

    private static void assertTurn(ConnectionOptions options) throws Exception {
        EventRecorder events = new EventRecorder();
        try (LiveClient client = LiveClient.create(options);
                LiveSession session = client.connect(
                        SessionOptions.of(Setup.builder(MODEL).outputAudioTranscription(true).build()), null, events)
                        .get(10, TimeUnit.SECONDS)) {
            session.sendText("flavour check").get(5, TimeUnit.SECONDS);
            events.awaitCount(LiveEvent.TurnComplete.class, 1);
            assertThat(transcript(events)).isEqualTo("You said: flavour check");
        }
    }

    private static ConnectionOptions options(Flavour flavour, String version) {
        return new ConnectionOptions(emulator.baseUrl(), flavour, version, () -> KEY, null, null, null, 0);
    }

    @Test
    void everyFlavourAndApiVersionReachesTheService() throws Exception {
        assertTurn(options(Flavour.GEMINI_API, "v1"));
        assertTurn(options(Flavour.GEMINI_API, "v1alpha"));
        assertTurn(options(Flavour.EPHEMERAL_TOKEN, "v1beta"));
        assertTurn(options(Flavour.VERTEX_AI, null));
    }

    @Test
    void anHttpBaseUrlIsMappedToWebSocket() throws Exception {
        URI http = URI.create(emulator.baseUrl().toString().replaceFirst("^ws", "http"));
        assertTurn(ConnectionOptions.geminiApi(http, () -> KEY));
    }
}
