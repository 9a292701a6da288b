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
import io.github.camelgeminilive.testing.AudioProducer;
import io.github.camelgeminilive.testing.EventRecorder;
import io.github.camelgeminilive.testing.Resilience;
import io.github.camelgeminilive.testing.SpeechCycle;
import io.github.camelgeminilive.transport.ConnectionOptions;

/**
 * The emulator ends every connection by itself, as the service does about every ten minutes: here after 2.5 s, with
 * {@code goAway} 1 s ahead. A call streaming real-time audio is carried across three such lifetimes with no audio
 * lost unreported (Gemini API mode: a handle's coverage is the client's estimate) and at most the coverage lag
 * doubled per move.
 */
class ResilientConnectionLifetimeTest {

    private GeminiLiveEmulator emulator;
    private LiveClient client;

    @BeforeEach
    void start() {
        emulator = GeminiLiveEmulator.builder().port(0).pace(0).connectionLifetime(Duration.ofMillis(2500))
                .goAwayBefore(Duration.ofSeconds(1)).build().start();
        client = LiveClient.create(ConnectionOptions.geminiApi(emulator.baseUrl(), () -> "key"));
    }

    @AfterEach
    void stop() {
        client.close();
        emulator.close();
    }

    @Test
    void aCallOutlivesThreeConnectionLifetimesLosingNoAudioUnreported() throws Exception {
        EventRecorder events = new EventRecorder();
        ResilientSession session = client.connectResilient(SpeechCycle.session(), Resilience.options(false), events)
                .get(10, TimeUnit.SECONDS);
        session.sendText("My name is Alice").get(5, TimeUnit.SECONDS);
        events.awaitCount(LiveEvent.TurnComplete.class, 1);
        long sent;
        try (AudioProducer producer = new AudioProducer(session, Duration.ofMillis(20), SpeechCycle::frame)) {
            Awaitility.await().atMost(Duration.ofSeconds(30))
                    .until(() -> events.of(LiveEvent.Reconnected.class).size() >= 3);
            long atThird = producer.frames();
            Awaitility.await().atMost(Duration.ofSeconds(10)).until(() -> producer.frames() >= atThird + 25);
            sent = producer.stop();
        }
        SessionInfo info = SpeechCycle.assertCarriedOver(emulator, session, events, sent, "3 lifetimes");
        assertThat(events.of(LiveEvent.GoAwayReceived.class)).as("goAway before each end").hasSizeGreaterThan(2);
        assertThat(events.of(LiveEvent.Reconnected.class)).allSatisfy(r -> {
            assertThat(r.cause()).isEqualTo("goAway");
            assertThat(r.resumed()).isTrue();
        });
        assertThat(info.connectionsOpened()).isGreaterThanOrEqualTo(4);
    }
}
