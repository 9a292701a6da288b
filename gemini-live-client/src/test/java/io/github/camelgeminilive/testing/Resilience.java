package io.github.camelgeminilive.testing;

import java.time.Duration;

import io.github.camelgeminilive.protocol.Setup;
import io.github.camelgeminilive.session.InMemoryResumptionHandleStore;
import io.github.camelgeminilive.session.LiveEvent;
import io.github.camelgeminilive.session.OverflowPolicy;
import io.github.camelgeminilive.session.ReconnectPolicy;
import io.github.camelgeminilive.session.ResilienceOptions;
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
                OverflowPolicy.FAIL,
                null, null, Duration.ofMillis(200), null, transparent, false, new InMemoryResumptionHandleStore(),
                null);
    }

    public static SessionOptions session() {
        return SessionOptions.of(Setup.builder(MODEL).outputAudioTranscription(true).build());
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
