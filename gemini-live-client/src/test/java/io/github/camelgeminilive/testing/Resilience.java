package io.github.camelgeminilive.testing;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.concurrent.TimeUnit;

import org.awaitility.Awaitility;

import io.github.camelgeminilive.protocol.Setup;
import io.github.camelgeminilive.session.InMemoryResumptionHandleStore;
import io.github.camelgeminilive.session.LiveEvent;
import io.github.camelgeminilive.session.OverflowPolicy;
import io.github.camelgeminilive.session.ReconnectPolicy;
import io.github.camelgeminilive.session.ResilienceOptions;
import io.github.camelgeminilive.session.ResilientSession;
import io.github.camelgeminilive.session.SessionOptions;

/** Resilience settings and helpers for tests: short backoff, no pings unless asked. */
public final class Resilience {

    public static final String MODEL = "models/gemini-2.5-flash-native-audio-latest";
    public static final ReconnectPolicy FAST = new ReconnectPolicy(Duration.ofMillis(20), Duration.ofMillis(300),
            2.0, 0.2, 0, Duration.ofSeconds(30));

    private Resilience() {
    }

    public static ResilienceOptions options(boolean transparent) {
        return options(transparent, 2000);
    }

    public static ResilienceOptions options(boolean transparent, int heldSendLimit) {
        return new ResilienceOptions(FAST, 64L * 1024 * 1024, Duration.ofSeconds(600), heldSendLimit,
                64L * 1024 * 1024, OverflowPolicy.FAIL, null, null, Duration.ofMillis(200), null, transparent,
                ResilienceOptions.DEFAULT_COVERAGE_LAG, false, new InMemoryResumptionHandleStore(), null);
    }

    public static SessionOptions session() {
        return SessionOptions.of(Setup.builder(MODEL).outputAudioTranscription(true).build());
    }

    /** Breaks, or otherwise disturbs, a session's connection. */
    public interface Fault {
        void run() throws Exception;
    }

    /**
     * Tells the model a name, streams real-time audio, runs {@code fault} mid-stream, streams on for 100 frames
     * after the session reconnected, then checks the model still knows the name. Returns the samples sent.
     */
    public static long streamAcross(ResilientSession session, EventRecorder events, Fault fault) throws Exception {
        session.sendText("My name is Alice").get(5, TimeUnit.SECONDS);
        events.awaitCount(LiveEvent.TurnComplete.class, 1);
        long sent;
        try (AudioProducer producer = new AudioProducer(session)) {
            Awaitility.await().atMost(Duration.ofSeconds(5)).until(() -> producer.frames() >= 100);
            fault.run();
            events.await(LiveEvent.Reconnected.class);
            long atMove = producer.frames();
            Awaitility.await().atMost(Duration.ofSeconds(5)).until(() -> producer.frames() >= atMove + 100);
            sent = producer.stop();
        }
        int after = events.size();
        session.sendText("What is my name?").get(5, TimeUnit.SECONDS);
        events.awaitCount(LiveEvent.TurnComplete.class, 2);
        assertThat(transcript(events, after)).contains("Alice");
        return sent;
    }

    public static String transcript(EventRecorder events, int from) {
        StringBuilder b = new StringBuilder();
        var all = events.events();
        for (int i = from; i < all.size(); i++) {
            if (all.get(i) instanceof LiveEvent.OutputTranscription t) {
                b.append(t.transcription().text());
            }
        }
        return b.toString();
    }
}
