package io.github.camelgeminilive.session;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;

import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;

import io.github.camelgeminilive.protocol.RealtimeInputConfig;
import io.github.camelgeminilive.protocol.Setup;
import io.github.camelgeminilive.testing.EmulatorClientTest;
import io.github.camelgeminilive.testing.EventRecorder;
import io.github.camelgeminilive.testing.Resilience;

/** Held-send overflow, the replay bound, and proactive moves by connection age. */
class ResilientPoliciesTest extends EmulatorClientTest {

    private static ResilienceOptions with(int heldLimit, OverflowPolicy policy, Duration replayAudio,
            Duration maxAge) {
        ResilienceOptions o = Resilience.options(true);
        return o.withReplayBuffer(o.replayBufferBytes(), replayAudio)
                .withHeldSends(heldLimit, o.heldSendBytes(), policy)
                .withMaxConnectionAge(maxAge);
    }

    /** Stops the emulator and waits until the session knows (its reconnect attempts fail). */
    private void outage(ResilientSession session) {
        emulator.stop();
        Awaitility.await().atMost(Duration.ofSeconds(10)).until(() -> session.metrics().failedAttempts() >= 1);
    }

    private ResilientSession connect(ReconnectPolicy reconnect, EventRecorder events) throws Exception {
        return client.connectResilient(Resilience.session(), Resilience.options(true).withReconnect(reconnect), events)
                .get(10, TimeUnit.SECONDS);
    }

    private long samplesInState(ResilientSession session) {
        return emulator.admin().session(session.sessionId()).orElseThrow().audioSamplesInState();
    }

    @Test
    void failPolicyRefusesTheSendBeyondTheHeldLimitAndKeepsTheRest() throws Exception {
        EventRecorder events = new EventRecorder();
        ResilientSession session = client.connectResilient(Resilience.session(),
                with(3, OverflowPolicy.FAIL, Duration.ofSeconds(60), null), events).get(10, TimeUnit.SECONDS);
        outage(session);
        List<CompletableFuture<Void>> held = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            held.add(session.sendAudio(new byte[640], null));
        }
        assertThat(session.sendAudio(new byte[640], null)).failsWithin(Duration.ofSeconds(1))
                .withThrowableOfType(ExecutionException.class).withMessageContaining("overflow policy FAIL");
        emulator.start();
        CompletableFuture.allOf(held.toArray(CompletableFuture[]::new)).get(10, TimeUnit.SECONDS);
        Awaitility.await().atMost(Duration.ofSeconds(5)).until(() -> samplesInState(session) == 3 * 320);
        assertThat(session.metrics().droppedSends()).isZero();
    }

    @Test
    void dropOldestPolicyFailsTheOldestHeldSendAndCountsIt() throws Exception {
        EventRecorder events = new EventRecorder();
        ResilientSession session = client.connectResilient(Resilience.session(),
                with(3, OverflowPolicy.DROP_OLDEST, Duration.ofSeconds(60), null), events).get(10, TimeUnit.SECONDS);
        outage(session);
        List<CompletableFuture<Void>> sends = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            sends.add(session.sendAudio(new byte[640], null));
        }
        assertThat(sends.get(0)).failsWithin(Duration.ofSeconds(1)).withThrowableOfType(ExecutionException.class)
                .withMessageContaining("DROP_OLDEST");
        emulator.start();
        CompletableFuture.allOf(sends.subList(1, 4).toArray(CompletableFuture[]::new)).get(10, TimeUnit.SECONDS);
        Awaitility.await().atMost(Duration.ofSeconds(5)).until(() -> samplesInState(session) == 3 * 320);
        assertThat(session.metrics().droppedSends()).isEqualTo(1);
    }

    @Test
    void audioBeyondTheReplayBoundIsReportedLost() throws Exception {
        EventRecorder events = new EventRecorder();
        ResilientSession session = client.connectResilient(Resilience.session(),
                with(100, OverflowPolicy.FAIL, Duration.ofMillis(100), null), events).get(10, TimeUnit.SECONDS);
        for (int i = 0; i < 50; i++) { // 1 s of audio, no handle covers it yet, only 100 ms may be kept
            session.sendAudio(new byte[640], null).get(5, TimeUnit.SECONDS);
        }
        emulator.admin().drop(session.sessionId());
        LiveEvent.Reconnected r = events.await(LiveEvent.Reconnected.class);
        assertThat(r.audioLost()).isEqualTo(Duration.ofMillis(900));
        assertThat(r.replayedMessages()).isEqualTo(5);
        assertThat(session.metrics().audioLost()).isEqualTo(Duration.ofMillis(900));
        assertThat(session.metrics().unreplayableMessages()).isEqualTo(45);
        Awaitility.await().atMost(Duration.ofSeconds(5)).until(() -> samplesInState(session) == 5 * 320);
    }

    @Test
    void maxConnectionAgeMovesToANewConnectionProactively() throws Exception {
        EventRecorder events = new EventRecorder();
        ResilientSession session = client.connectResilient(Resilience.session(),
                with(100, OverflowPolicy.FAIL, Duration.ofSeconds(60), Duration.ofMillis(500)), events)
                .get(10, TimeUnit.SECONDS);
        session.sendText("My name is Alice").get(5, TimeUnit.SECONDS);
        LiveEvent.Reconnected r = events.await(LiveEvent.Reconnected.class);
        assertThat(r.cause()).isEqualTo("maxConnectionAge");
        assertThat(r.resumed()).isTrue();
        int after = events.size();
        session.sendText("What is my name?").get(5, TimeUnit.SECONDS);
        Awaitility.await().atMost(Duration.ofSeconds(10))
                .until(() -> Resilience.transcript(events, after).contains("Alice"));
        assertThat(events.of(LiveEvent.GoAwayReceived.class)).isEmpty();
    }

    @Test
    void reconnectingGivesUpAfterMaxAttemptsWithTheLastError() throws Exception {
        EventRecorder events = new EventRecorder();
        ResilientSession session = connect(new ReconnectPolicy(Duration.ofMillis(10), Duration.ofMillis(50), 2.0, 0.2,
                3, null), events);
        emulator.stop();
        Awaitility.await().atMost(Duration.ofSeconds(5)).until(() -> session.metrics().failedAttempts() >= 1);
        CompletableFuture<Void> held = session.sendText("anyone there?");
        LiveEvent.Closed closed = events.awaitClosed();
        assertThat(closed.error()).isNotNull();
        assertThat(closed.error().getMessage()).contains("Cannot connect");
        assertThat(session.metrics().failedAttempts()).isEqualTo(3);
        assertThat(session.isOpen()).isFalse();
        // nothing is left hanging: the held send fails with the reason
        assertThat(held).failsWithin(Duration.ofSeconds(1)).withThrowableOfType(ExecutionException.class)
                .withMessageContaining("Cannot connect");
        assertThat(session.sendText("later")).failsWithin(Duration.ofSeconds(1));
    }

    @Test
    void reconnectingGivesUpOnceTheOutageLastedMaxElapsed() throws Exception {
        Duration maxElapsed = Duration.ofMillis(400);
        EventRecorder events = new EventRecorder();
        ResilientSession session = connect(new ReconnectPolicy(Duration.ofMillis(20), Duration.ofMillis(50), 2.0, 0.2,
                0, maxElapsed), events); // unlimited attempts
        long stopped = System.nanoTime();
        emulator.stop();
        LiveEvent.Closed closed = events.awaitClosed();
        long outage = System.nanoTime() - stopped;
        assertThat(closed.error()).isNotNull();
        assertThat(closed.error().getMessage()).contains("Cannot connect");
        assertThat(Duration.ofNanos(outage)).as("not before maxElapsed").isGreaterThanOrEqualTo(maxElapsed);
        assertThat(session.metrics().failedAttempts()).as("tried again and again until then").isGreaterThan(2);
        assertThat(session.isOpen()).isFalse();
    }

    @Test
    void heldSendsLeaveInCallOrderAfterTheOutage() throws Exception {
        // without interruption the model answers each turn in turn: the answers show the order of the sends
        Setup setup = Setup.builder(Resilience.MODEL).outputAudioTranscription(true)
                .realtimeInputConfig(new RealtimeInputConfig(null, "NO_INTERRUPTION", null)).build();
        EventRecorder events = new EventRecorder();
        ResilientSession session = client.connectResilient(SessionOptions.of(setup),
                with(100, OverflowPolicy.FAIL, Duration.ofSeconds(60), null), events).get(10, TimeUnit.SECONDS);
        outage(session);
        CompletableFuture<Void> first = session.sendText("first");
        CompletableFuture<Void> second = session.sendText("second");
        CompletableFuture<Void> third = session.sendText("third");
        assertThat(first).isNotDone();
        emulator.start();
        CompletableFuture.allOf(first, second, third).get(10, TimeUnit.SECONDS);
        events.awaitCount(LiveEvent.TurnComplete.class, 3);
        assertThat(Resilience.transcript(events, 0))
                .isEqualTo("You said: firstYou said: secondYou said: third");
        assertThat(events.of(LiveEvent.Reconnected.class)).hasSize(1);
    }

    @Test
    void closingTheClientEndsItsResilientSessionsWithOneClosedEvent() throws Exception {
        EventRecorder events = new EventRecorder();
        ResilientSession session = client.connectResilient(Resilience.session(), Resilience.options(true), events)
                .get(10, TimeUnit.SECONDS);
        client.close();
        LiveEvent.Closed closed = events.awaitClosed();
        assertThat(closed.code()).isEqualTo(1000);
        assertThat(closed.error()).isNull();
        assertThat(session.isOpen()).isFalse();
        assertThat(events.of(LiveEvent.Closed.class)).hasSize(1);
        assertThat(events.of(LiveEvent.Reconnected.class)).isEmpty();
    }
}
