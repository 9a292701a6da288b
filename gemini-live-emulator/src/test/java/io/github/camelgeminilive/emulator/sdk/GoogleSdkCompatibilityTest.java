package io.github.camelgeminilive.emulator.sdk;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;

import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import com.google.genai.AsyncSession;
import com.google.genai.Client;
import com.google.genai.types.AudioTranscriptionConfig;
import com.google.genai.types.Blob;
import com.google.genai.types.ClientOptions;
import com.google.genai.types.Content;
import com.google.genai.types.HttpOptions;
import com.google.genai.types.LiveConnectConfig;
import com.google.genai.types.LiveSendClientContentParameters;
import com.google.genai.types.LiveSendRealtimeInputParameters;
import com.google.genai.types.Modality;
import com.google.genai.types.Part;

import io.github.camelgeminilive.emulator.GeminiLiveEmulator;

/**
 * Google's official Java SDK (google-genai 2.0.0) against the emulator over TLS: proves the emulator is
 * wire-compatible with a client we did not write.
 *
 * <p>The SDK always turns the base URL into {@code wss://}, so the emulator runs with its self-signed certificate.
 * The SDK talks through OkHttp and honours {@link ClientOptions#customHttpClient()}, so the emulator's trust store
 * is given to that one client; no JVM-wide {@code javax.net.ssl.trustStore} property is needed.
 */
class GoogleSdkCompatibilityTest {

    private static final String API_KEY = "sdk-compat-key";
    private static final String MODEL = "gemini-2.5-flash-native-audio-latest";
    private static final long TIMEOUT_SECONDS = 20;

    private static GeminiLiveEmulator emulator;
    private static EmulatorTrust trust;

    @BeforeAll
    static void startEmulator() throws Exception {
        emulator = GeminiLiveEmulator.builder().apiKey(API_KEY).tls(true).pace(0.0).build().start();
        trust = EmulatorTrust.of(emulator);
    }

    @AfterAll
    static void stopEmulator() {
        if (emulator != null) {
            emulator.close();
        }
    }

    @Test
    void clientContentTextTurnIsAnsweredWithAudioAndTranscription() throws Exception {
        SdkTurn turn = runTurn(1, session -> session.sendClientContent(
                LiveSendClientContentParameters.builder()
                        .turns(Content.builder().role("user").parts(Part.fromText("Hello from the SDK")))
                        .turnComplete(true)
                        .build()));

        assertThat(turn.transcript()).isEqualTo("You said: Hello from the SDK");
        assertReplyAudio(turn);
        assertThat(turn.generationComplete()).isTrue();
        assertThat(turn.totalTokenCount()).isPositive();
    }

    @Test
    void baseUrlWithAPathIsAccepted() throws Exception {
        // The SDK appends "/ws/..." to the base URL's path: this one gives /pre//ws/google.ai...
        SdkTurn turn = runTurn(baseUrl() + "/pre/", 1, session -> session.sendClientContent(
                LiveSendClientContentParameters.builder()
                        .turns(Content.builder().role("user").parts(Part.fromText("Through a base path")))
                        .turnComplete(true)
                        .build()));

        assertThat(turn.transcript()).isEqualTo("You said: Through a base path");
    }

    @Test
    void realtimeTextInputSentAsSnakeCaseIsAnswered() throws Exception {
        // The SDK names this message "realtime_input" (proto field name), unlike every other message.
        SdkTurn turn = runTurn(1, session -> session.sendRealtimeInput(
                LiveSendRealtimeInputParameters.builder().text("Streamed text").build()));

        assertThat(turn.transcript()).isEqualTo("You said: Streamed text");
        assertReplyAudio(turn);
        assertThat(turn.totalTokenCount()).isPositive();
    }

    @Test
    void realtimeAudioIsHeardByTheEmulatorsVadAndAnswered() throws Exception {
        // one second of a loud tone, then more silence than the default 800 ms end-of-speech window
        List<byte[]> chunks = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
            chunks.add(pcm16k(100, 8_000));
        }
        for (int i = 0; i < 12; i++) {
            chunks.add(pcm16k(100, 0));
        }

        SdkTurn turn = runTurn(chunks.size(), session -> sendInOrder(session, chunks));

        assertThat(turn.inputTranscript()).as("VAD measured about one second of speech")
                .matches("\\[speech (0\\.9\\d|1\\.0\\d) s\\]");
        assertThat(turn.transcript()).isNotBlank();
        assertReplyAudio(turn);
    }

    /**
     * Connects with the SDK, lets {@code send} send the user's turn and collects the model's reply turn.
     *
     * @param clientMessages how many messages {@code send} sends (checked against the emulator's counter)
     */
    private static SdkTurn runTurn(int clientMessages, Function<AsyncSession, CompletableFuture<Void>> send)
            throws Exception {
        return runTurn(baseUrl(), clientMessages, send);
    }

    /** {@link #runTurn(int, Function)} with the SDK given {@code baseUrl}. */
    private static SdkTurn runTurn(String baseUrl, int clientMessages,
            Function<AsyncSession, CompletableFuture<Void>> send) throws Exception {
        try (Client client = sdkClient(baseUrl)) {
            AsyncSession session = client.async.live.connect(MODEL, audioConfig())
                    .get(TIMEOUT_SECONDS, TimeUnit.SECONDS);
            try {
                assertThat(session.sessionId()).as("setupComplete.sessionId").isNotBlank();
                assertThat(emulator.admin().session(session.sessionId()))
                        .as("emulator knows the SDK's session").isPresent();

                SdkTurnCollector collector = new SdkTurnCollector();
                // Registered before sending: the SDK drops server messages that arrive with no callback.
                session.receive(collector).get(TIMEOUT_SECONDS, TimeUnit.SECONDS);
                send.apply(session).get(TIMEOUT_SECONDS, TimeUnit.SECONDS);
                SdkTurn turn = collector.completedTurn().get(TIMEOUT_SECONDS, TimeUnit.SECONDS);
                // the SDK's send completes when OkHttp queued the frame: the reply (VAD ends the turn before the
                // last silence) may overtake the last frames, so the count is awaited, not read once
                Awaitility.await().atMost(Duration.ofSeconds(TIMEOUT_SECONDS)).untilAsserted(() -> assertThat(
                        emulator.admin().session(session.sessionId()).orElseThrow().clientMessages())
                        .as("client messages after setup the emulator received").isEqualTo(clientMessages));
                return turn;
            } finally {
                session.close().get(TIMEOUT_SECONDS, TimeUnit.SECONDS);
            }
        }
    }

    /** The SDK sends each message on a pool thread: only chaining keeps them in order. */
    private static CompletableFuture<Void> sendInOrder(AsyncSession session, List<byte[]> pcmChunks) {
        CompletableFuture<Void> sent = CompletableFuture.completedFuture(null);
        for (byte[] pcm : pcmChunks) {
            sent = sent.thenCompose(v -> session.sendRealtimeInput(LiveSendRealtimeInputParameters.builder()
                    .audio(Blob.builder().mimeType("audio/pcm;rate=16000").data(pcm))
                    .build()));
        }
        return sent;
    }

    /** {@code millis} of 16 kHz 16-bit little-endian mono PCM: a 440 Hz tone of {@code amplitude}, 0 = silence. */
    private static byte[] pcm16k(int millis, int amplitude) {
        int samples = 16 * millis;
        ByteBuffer pcm = ByteBuffer.allocate(samples * 2).order(ByteOrder.LITTLE_ENDIAN);
        for (int i = 0; i < samples; i++) {
            pcm.putShort((short) (amplitude * Math.sin(2 * Math.PI * 440 * i / 16_000.0)));
        }
        return pcm.array();
    }

    private static void assertReplyAudio(SdkTurn turn) {
        assertThat(turn.audioMimeTypes()).containsExactly("audio/pcm;rate=24000");
        assertThat(turn.audioChunks()).isGreaterThan(1);
        // 16-bit mono at 24 kHz; the emulator speaks about 70 ms per transcript character
        assertThat(turn.audio().length % 2).isZero();
        Duration audio = Duration.ofMillis(turn.audio().length / 2 * 1000L / 24_000);
        assertThat(audio).isGreaterThan(Duration.ofMillis(turn.transcript().length() * 35L));
    }

    private static LiveConnectConfig audioConfig() {
        return LiveConnectConfig.builder()
                .responseModalities(Modality.Known.AUDIO)
                .inputAudioTranscription(AudioTranscriptionConfig.builder().build())
                .outputAudioTranscription(AudioTranscriptionConfig.builder().build())
                .build();
    }

    private static String baseUrl() {
        return "https://localhost:" + emulator.port();
    }

    private static Client sdkClient(String baseUrl) {
        return Client.builder()
                .apiKey(API_KEY)
                .httpOptions(HttpOptions.builder().baseUrl(baseUrl).build())
                .clientOptions(ClientOptions.builder().customHttpClient(trust.newHttpClient()).build())
                .build();
    }
}
