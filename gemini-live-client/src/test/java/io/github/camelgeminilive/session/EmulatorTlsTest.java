package io.github.camelgeminilive.session;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import io.github.camelgeminilive.emulator.GeminiLiveEmulator;
import io.github.camelgeminilive.protocol.Setup;
import io.github.camelgeminilive.session.LiveSessionException.ConnectionLostException;
import io.github.camelgeminilive.testing.EventRecorder;
import io.github.camelgeminilive.transport.ConnectionOptions;

/** wss against the emulator's self-signed certificate: trusted through a trust store, rejected without one. */
class EmulatorTlsTest {

    private static final String KEY = "tls-test-key-55c1";
    private static final SessionOptions SETUP = SessionOptions.of(
            Setup.builder("models/gemini-2.5-flash-native-audio-latest").outputAudioTranscription(true).build());

    private static GeminiLiveEmulator emulator;

    @BeforeAll
    static void start() {
        emulator = GeminiLiveEmulator.builder().port(0).pace(0).tls(true).build().start();
    }

    @AfterAll
    static void stop() {
        emulator.close();
    }

    @Test
    void aTrustStoreWithTheEmulatorCertificateGivesAWorkingSession() throws Exception {
        assertThat(emulator.baseUrl().getScheme()).isEqualTo("wss");
        EventRecorder events = new EventRecorder();
        try (LiveClient client = LiveClient.create(ConnectionOptions.geminiApi(emulator.baseUrl(), () -> KEY)
                .withTrustStore(emulator.trustStore(), emulator.trustStorePassword()));
                LiveSession session = client.connect(SETUP, null, events).get(10, TimeUnit.SECONDS)) {
            session.sendText("over TLS").get(5, TimeUnit.SECONDS);
            events.awaitCount(LiveEvent.TurnComplete.class, 1);
            assertThat(events.of(LiveEvent.OutputTranscription.class)).isNotEmpty();
            assertThat(events.of(LiveEvent.Audio.class)).isNotEmpty();
        }
    }

    @Test
    void withoutTheTrustStoreTheCertificateIsRejectedClearly() {
        try (LiveClient client = LiveClient.create(ConnectionOptions.geminiApi(emulator.baseUrl(), () -> KEY))) {
            ExecutionException e = org.junit.jupiter.api.Assertions.assertThrows(ExecutionException.class,
                    () -> client.connect(SETUP, null, new EventRecorder()).get(10, TimeUnit.SECONDS));
            assertThat(e.getCause()).isInstanceOf(ConnectionLostException.class)
                    .hasMessageContaining("Cannot connect to " + emulator.baseUrl())
                    .hasMessageContaining("TLS certificate rejected")
                    .hasMessageNotContaining(KEY);
        }
    }
}
