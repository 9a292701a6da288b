package io.github.camelgeminilive.emulator.sdk;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.genai.AsyncSession;
import com.google.genai.Client;
import com.google.genai.types.AudioTranscriptionConfig;
import com.google.genai.types.ClientOptions;
import com.google.genai.types.Content;
import com.google.genai.types.HttpOptions;
import com.google.genai.types.LiveConnectConfig;
import com.google.genai.types.LiveSendClientContentParameters;
import com.google.genai.types.LiveSendRealtimeInputParameters;
import com.google.genai.types.Modality;
import com.google.genai.types.Part;
import io.github.camelgeminilive.emulator.GeminiLiveEmulator;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

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
        SdkTurn turn = runTextTurn(session -> session.sendClientContent(
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
    void realtimeTextInputSentAsSnakeCaseIsAnswered() throws Exception {
        // The SDK names this message "realtime_input" (proto field name), unlike every other message.
        SdkTurn turn = runTextTurn(session -> session.sendRealtimeInput(
                LiveSendRealtimeInputParameters.builder().text("Streamed text").build()));

        assertThat(turn.transcript()).isEqualTo("You said: Streamed text");
        assertReplyAudio(turn);
        assertThat(turn.totalTokenCount()).isPositive();
    }

    /** Connects with the SDK, sends one text turn with {@code send} and collects the model's reply turn. */
    private static SdkTurn runTextTurn(Function<AsyncSession, CompletableFuture<Void>> send) throws Exception {
        try (Client client = sdkClient()) {
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
                assertThat(emulator.admin().session(session.sessionId()).orElseThrow().clientMessages())
                        .as("client messages after setup the emulator received").isEqualTo(1);
                return turn;
            } finally {
                session.close().get(TIMEOUT_SECONDS, TimeUnit.SECONDS);
            }
        }
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
                .outputAudioTranscription(AudioTranscriptionConfig.builder().build())
                .build();
    }

    private static Client sdkClient() {
        return Client.builder()
                .apiKey(API_KEY)
                .httpOptions(HttpOptions.builder().baseUrl("https://localhost:" + emulator.port()).build())
                .clientOptions(ClientOptions.builder().customHttpClient(trust.newHttpClient()).build())
                .build();
    }
}
