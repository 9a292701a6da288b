package io.github.camelgeminilive.session;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.concurrent.TimeUnit;

import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;

import io.github.camelgeminilive.emulator.SessionInfo;
import io.github.camelgeminilive.testing.AudioProducer;
import io.github.camelgeminilive.testing.EmulatorClientTest;
import io.github.camelgeminilive.testing.EventRecorder;
import io.github.camelgeminilive.testing.Resilience;
import io.github.camelgeminilive.testing.SpeechCycle;

/**
 * Without a consumed index (the Gemini API's resumption) and with pongs far slower than a turn, a resume doubles at
 * most {@code coverageLag} of the caller's audio and loses none, whatever broke the connection. Read proof alone
 * would replay everything since the last answered ping: with pongs this late, all the audio streamed so far.
 */
class ResilientSlowPongsTest extends EmulatorClientTest {

    /** Breaks, or otherwise disturbs, a session's connection. */
    private interface Fault {
        void accept(ResilientSession session) throws Exception;
    }

    /**
     * Streams 2 s of speech cycles with pongs {@code pongDelay} late, runs {@code fault}, streams on for 1 s after
     * the reconnect, then compares the samples sent with those in the emulator's session state.
     */
    private void survive(Duration pongDelay, ResilienceOptions options, Fault fault) throws Exception {
        emulator.admin().pongDelay(pongDelay);
        EventRecorder events = new EventRecorder();
        ResilientSession session = client.connectResilient(SpeechCycle.session(), options, events)
                .get(10, TimeUnit.SECONDS);
        session.sendText("My name is Alice").get(5, TimeUnit.SECONDS);
        events.awaitCount(LiveEvent.TurnComplete.class, 1);
        long sent;
        try (AudioProducer producer = new AudioProducer(session, Duration.ofMillis(20), SpeechCycle::frame)) {
            Awaitility.await().atMost(Duration.ofSeconds(10)).until(() -> producer.frames() >= 100
                    && events.of(LiveEvent.ResumptionUpdate.class).stream().filter(u -> u.newHandle() != null)
                            .count() >= 4);
            fault.accept(session);
            events.await(LiveEvent.Reconnected.class);
            long atMove = producer.frames();
            Awaitility.await().atMost(Duration.ofSeconds(10)).until(() -> producer.frames() >= atMove + 50);
            sent = producer.stop();
        }
        // ends the utterance in progress; the answer to the question then comes after every frame was read
        session.sendAudioStreamEnd().get(5, TimeUnit.SECONDS);
        int after = events.size();
        session.sendText("What is my name?").get(5, TimeUnit.SECONDS);
        Awaitility.await().atMost(Duration.ofSeconds(10))
                .until(() -> Resilience.transcript(events, after).contains("Alice"));
        SessionInfo info = emulator.admin().session(session.sessionId()).orElseThrow();
        int reconnects = events.of(LiveEvent.Reconnected.class).size();
        long doubled = info.audioSamplesInState() - sent;
        System.out.printf("pongs %s late, %s: %d samples sent, %d in state, %d reconnect(s), %.3f s doubled%n",
                pongDelay, events.of(LiveEvent.Reconnected.class).get(0).cause(), sent, info.audioSamplesInState(),
                reconnects, doubled / (double) SpeechCycle.SAMPLES_PER_SECOND);
        assertThat(events.of(LiveEvent.Closed.class)).isEmpty();
        assertThat(info.audioSamplesInState()).as("samples in state (below the samples sent: lost)")
                .isGreaterThanOrEqualTo(sent);
        assertThat(doubled).as("samples doubled over %d reconnect(s)", reconnects)
                .isLessThanOrEqualTo(reconnects * SpeechCycle.MAX_DOUBLED_PER_RECONNECT);
    }

    private static ResilienceOptions gemini() {
        return Resilience.options(false);
    }

    @Test
    void aGoAwayWithPongsTwentySecondsLateDoublesAtMostTheCoverageLag() throws Exception {
        survive(Duration.ofSeconds(20), gemini(), s -> emulator.admin().goAway(s.sessionId(), Duration.ofSeconds(2)));
    }

    @Test
    void aDropWithPongsTwentySecondsLateDoublesAtMostTheCoverageLag() throws Exception {
        survive(Duration.ofSeconds(20), gemini(), s -> emulator.admin().drop(s.sessionId()));
    }

    @Test
    void aServerErrorWithPongsTwentySecondsLateDoublesAtMostTheCoverageLag() throws Exception {
        survive(Duration.ofSeconds(20), gemini(), s -> emulator.admin().close(s.sessionId(), 1011, "backend hiccup"));
    }

    /**
     * A half-open connection is found by the ping timeout, which must exceed the pong delay; 20 s pongs would make
     * this test last half a minute. Pongs 2 s late (timeout 5 s) exercise the same thing: every pong still arrives
     * long after the handles it would have to prove (one every 500 ms), so read proof alone would double about 2 s.
     */
    @Test
    void aHalfOpenConnectionWithSlowPongsDoublesAtMostTheCoverageLag() throws Exception {
        survive(Duration.ofSeconds(2), gemini().withKeepalive(Duration.ofMillis(500), Duration.ofSeconds(5)),
                s -> emulator.admin().freeze(s.sessionId()));
    }
}
