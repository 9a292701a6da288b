package io.github.camelgeminilive.session;

import java.time.Duration;
import java.util.concurrent.TimeUnit;

import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;

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
        SpeechCycle.assertCarriedOver(emulator, session, events, sent,
                "pongs " + pongDelay + " late, " + events.of(LiveEvent.Reconnected.class).get(0).cause());
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
