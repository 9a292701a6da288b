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

/** Go-away handovers: drain, close, resume, replay, with memory and every audio sample kept. */
class ResilientGoAwayTest {

    private GeminiLiveEmulator emulator;
    private LiveClient client;

    @BeforeEach
    void start() {
        emulator = GeminiLiveEmulator.builder().port(0).pace(0.2).build().start();
        client = LiveClient.create(ConnectionOptions.geminiApi(emulator.baseUrl(), () -> "key"));
    }

    @AfterEach
    void stop() {
        client.close();
        emulator.close();
    }

    private SessionInfo info(ResilientSession session) {
        return emulator.admin().session(session.sessionId()).orElseThrow();
    }

    @Test
    void goAwayMidTurnWaitsForTheTurnThenResumesWithMemory() throws Exception {
        EventRecorder events = new EventRecorder();
        ResilientSession session = client.connectResilient(Resilience.session(), Resilience.options(true), events)
                .get(10, TimeUnit.SECONDS);
        byte[] pcm = new byte[3200];
        session.sendAudio(pcm, null).get(5, TimeUnit.SECONDS);
        session.sendText("My name is Alice").get(5, TimeUnit.SECONDS);
        events.await(LiveEvent.Audio.class);
        emulator.admin().goAway(session.sessionId(), Duration.ofSeconds(10));
        session.sendAudio(pcm, null); // held during the drain, written after the move
        LiveEvent.Reconnected reconnected = events.await(LiveEvent.Reconnected.class);
        int afterMove = events.size();

        // the reply in flight finished on the old connection before the move: nothing aborted, nothing twice
        assertThat(reconnected.replyAborted()).isFalse();
        assertThat(reconnected.resumed()).isTrue();
        assertThat(reconnected.cause()).isEqualTo("goAway");
        assertThat(events.of(LiveEvent.TurnComplete.class)).hasSize(1);
        session.sendText("What is my name?").get(5, TimeUnit.SECONDS);
        events.awaitCount(LiveEvent.TurnComplete.class, 2);
        assertThat(Resilience.transcript(events, afterMove)).contains("Alice");
        Awaitility.await().atMost(Duration.ofSeconds(5)).until(() -> info(session).audioSamplesInState() == 3200);
        assertThat(info(session).connectionsOpened()).isEqualTo(2);
        assertThat(session.metrics().goAways()).isEqualTo(1);
        System.out.println("go-away gap: " + reconnected.downtime().toMillis() + " ms");
    }
}
