package io.github.camelgeminilive.session;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.concurrent.TimeUnit;

import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.github.camelgeminilive.emulator.GeminiLiveEmulator;
import io.github.camelgeminilive.emulator.SessionInfo;
import io.github.camelgeminilive.testing.EventRecorder;
import io.github.camelgeminilive.testing.Resilience;
import io.github.camelgeminilive.transport.ConnectionOptions;

/**
 * The traffic in {@link ResilienceMetrics} is what the connections wrote and read: across a go-away it equals what
 * the emulator counted (client messages after setup, audio samples), replays included.
 */
class TrafficCountersTest {

    private static final int FRAME_BYTES = 640; // 20 ms of 16 kHz 16-bit PCM

    private GeminiLiveEmulator emulator;
    private LiveClient client;

    @BeforeEach
    void start() {
        emulator = GeminiLiveEmulator.builder().port(0).pace(0.0).build().start();
        client = LiveClient.create(ConnectionOptions.geminiApi(emulator.baseUrl(), () -> "key"));
    }

    @AfterEach
    void stop() {
        client.close();
        emulator.close();
    }

    @Test
    void aResilientSessionCountsWhatItsConnectionsWroteAndRead() throws Exception {
        EventRecorder events = new EventRecorder();
        ResilientSession session = client.connectResilient(Resilience.session(), Resilience.options(true), events)
                .get(10, TimeUnit.SECONDS);
        byte[] frame = new byte[FRAME_BYTES];
        for (int i = 0; i < 10; i++) {
            session.sendAudio(frame, null).get(5, TimeUnit.SECONDS);
        }
        session.sendText("My name is Alice").get(5, TimeUnit.SECONDS);
        events.awaitCount(LiveEvent.TurnComplete.class, 1);
        emulator.admin().goAway(session.sessionId(), Duration.ofSeconds(10));
        events.await(LiveEvent.Reconnected.class);
        for (int i = 0; i < 5; i++) {
            session.sendAudio(frame, null).get(5, TimeUnit.SECONDS);
        }
        session.sendText("What is my name?").get(5, TimeUnit.SECONDS);
        events.awaitCount(LiveEvent.TurnComplete.class, 2);

        Awaitility.await().atMost(Duration.ofSeconds(10))
                .until(() -> info(session).clientMessages() == session.metrics().framesSent());
        SessionInfo info = info(session);
        ResilienceMetrics metrics = session.metrics();
        assertThat(info.connectionsOpened()).isEqualTo(2);
        assertThat(metrics.framesSent()).isGreaterThanOrEqualTo(17);
        assertThat(metrics.audioSent().toNanos() * 16_000 / 1_000_000_000L).isEqualTo(info.audioSamplesReceived());
        assertThat(metrics.bytesSent()).isGreaterThan(15L * FRAME_BYTES); // base64 JSON of the audio, and more
        // setupComplete of both connections, the replies and the go-away at least
        assertThat(metrics.framesReceived()).isGreaterThanOrEqualTo(2 + 2 + 1);
        assertThat(metrics.bytesReceived()).isGreaterThan(metrics.framesReceived());
        session.close();
    }

    @Test
    void aSendTheConnectionRefusesIsNotCountedAsSent() throws Exception {
        try (LiveClient small = LiveClient.create(ConnectionOptions.geminiApi(emulator.baseUrl(), () -> "key")
                .withLimits(0, 1024 * 1024))) {
            EventRecorder events = new EventRecorder();
            LiveSession session = small.connect(Resilience.session(), null, events).get(10, TimeUnit.SECONDS);
            session.sendAudio(new byte[FRAME_BYTES], null).get(5, TimeUnit.SECONDS);

            assertThat(session.sendAudio(new byte[3 * 1024 * 1024], null)).isCompletedExceptionally();

            ResilienceMetrics metrics = session.metrics();
            assertThat(metrics.refusedSends()).isEqualTo(1);
            assertThat(metrics.framesSent()).isEqualTo(1);
            assertThat(metrics.audioSent()).isEqualTo(Duration.ofMillis(20));
            Awaitility.await().atMost(Duration.ofSeconds(10)).until(() -> info(session).clientMessages() == 1);
            assertThat(metrics.bytesSent()).isLessThan(FRAME_BYTES * 2L);
            session.close();
        }
    }

    private SessionInfo info(LiveSession session) {
        return emulator.admin().session(session.sessionId()).orElseThrow();
    }
}
