package io.github.camelgeminilive.session;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.concurrent.TimeUnit;

import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;

import io.github.camelgeminilive.testing.EmulatorClientTest;
import io.github.camelgeminilive.testing.EventRecorder;
import io.github.camelgeminilive.testing.Resilience;

/** WebSocket pings find half-open connections, and tolerate slow pongs. */
class ResilientKeepaliveTest extends EmulatorClientTest {

    private static ResilienceOptions pinging(Duration interval, Duration timeout) {
        return Resilience.options(true).withKeepalive(interval, timeout);
    }

    @Test
    void aHalfOpenConnectionIsFoundByItsPingTimeoutAndReplaced() throws Exception {
        EventRecorder events = new EventRecorder();
        ResilientSession session = client.connectResilient(Resilience.session(),
                pinging(Duration.ofMillis(100), Duration.ofMillis(500)), events).get(10, TimeUnit.SECONDS);
        session.sendText("My name is Alice").get(5, TimeUnit.SECONDS);
        events.awaitCount(LiveEvent.TurnComplete.class, 1);
        emulator.admin().freeze(session.sessionId());
        session.sendAudio(new byte[640], null); // unread by the frozen server: replayed on the next connection
        LiveEvent.Reconnected r = events.await(LiveEvent.Reconnected.class);
        assertThat(r.cause()).contains("no pong");
        assertThat(r.resumed()).isTrue();
        int after = events.size();
        session.sendText("What is my name?").get(5, TimeUnit.SECONDS);
        events.awaitCount(LiveEvent.TurnComplete.class, 2);
        assertThat(Resilience.transcript(events, after)).contains("Alice");
        Awaitility.await().atMost(Duration.ofSeconds(5))
                .until(() -> emulator.admin().session(session.sessionId()).orElseThrow().audioSamplesInState() == 320);
        System.out.println("half-open found and replaced in " + r.downtime().toMillis() + " ms after the ping timeout");
    }

    @Test
    void slowPongsWithinTheTimeoutKeepTheConnection() throws Exception {
        emulator.admin().pongDelay(Duration.ofSeconds(2));
        EventRecorder events = new EventRecorder();
        ResilientSession session = client.connectResilient(Resilience.session(),
                pinging(Duration.ofMillis(500), Duration.ofSeconds(10)), events).get(10, TimeUnit.SECONDS);
        Awaitility.await().during(Duration.ofSeconds(4)).atMost(Duration.ofSeconds(6))
                .until(() -> session.metrics().reconnects() == 0 && session.isOpen());
        session.sendText("still there?").get(5, TimeUnit.SECONDS);
        events.awaitCount(LiveEvent.TurnComplete.class, 1);
        assertThat(emulator.admin().session(session.sessionId()).orElseThrow().connectionsOpened()).isEqualTo(1);
        assertThat(events.of(LiveEvent.Reconnected.class)).isEmpty();
    }

    @Test
    void answeredPingsKeepAConnectionWithAShortTimeout() throws Exception {
        // proves pongs are heard: without them this timeout would replace the connection within 0.5 s
        ResilientSession session = client.connectResilient(Resilience.session(),
                pinging(Duration.ofMillis(50), Duration.ofMillis(500)), new EventRecorder()).get(10, TimeUnit.SECONDS);
        Awaitility.await().during(Duration.ofSeconds(2)).atMost(Duration.ofSeconds(3))
                .until(() -> session.metrics().reconnects() == 0 && session.metrics().connections() == 1);
    }
}
