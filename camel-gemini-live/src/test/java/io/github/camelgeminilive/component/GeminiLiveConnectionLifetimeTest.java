package io.github.camelgeminilive.component;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;

import org.apache.camel.Exchange;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.component.mock.MockEndpoint;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import io.github.camelgeminilive.emulator.GeminiLiveEmulator;
import io.github.camelgeminilive.emulator.SessionInfo;

/**
 * The service ends every connection after about ten minutes, saying {@code goAway} first; here the emulator does it
 * every 2.5 s. A call streamed through a route with the component's defaults (a resilient session, Gemini API
 * resumption) is carried across three such lifetimes: the route sees {@code goAway} and {@code reconnected} each
 * time and never {@code closed}, and the emulator's session holds every sample sent (at most the coverage lag
 * doubled per move).
 */
class GeminiLiveConnectionLifetimeTest extends GeminiLiveTestSupport {

    private static final int FRAME_MILLIS = 20;
    private static final int FRAME_SAMPLES = TestAudio.RATE * FRAME_MILLIS / 1000;
    /** Most audio a move may double: {@code coverageLag} (300 ms) plus frames in flight, with room. */
    private static final long MAX_DOUBLED_PER_MOVE = TestAudio.RATE / 2;
    private static final byte[] SPEECH = TestAudio.tone(FRAME_MILLIS);
    private static final byte[] SILENCE = TestAudio.silence(FRAME_MILLIS);

    private static GeminiLiveEmulator shortLived;

    @BeforeAll
    static void startShortLivedEmulator() {
        shortLived = emulatorOn127()
                .connectionLifetime(Duration.ofMillis(2500)).goAwayBefore(Duration.ofSeconds(1)).build().start();
    }

    @AfterAll
    static void stopShortLivedEmulator() {
        shortLived.close();
    }

    @Override
    protected RouteBuilder createRouteBuilder() {
        return new RouteBuilder() {
            @Override
            public void configure() {
                from(uri(shortLived, "call", "silenceDurationMs=200")).to("mock:call");
                from("direct:call").to(uri(shortLived, "call", "silenceDurationMs=200"));
            }
        };
    }

    @Test
    void aCallIsCarriedAcrossThreeConnectionLifetimesWithNoAudioLost() throws Exception {
        MockEndpoint mock = getMockEndpoint("mock:call");
        assertThat(template.request("direct:call", e -> e.getMessage().setBody("My name is Alice")).getException())
                .isNull();
        await().atMost(Duration.ofSeconds(10)).until(() -> sessionId(mock) != null);
        String sessionId = sessionId(mock);

        // real time: 100 ms of speech in every 500 ms, so the emulator answers and sends handles all along
        AtomicLong frames = new AtomicLong();
        AtomicReference<Exception> failed = new AtomicReference<>();
        ScheduledExecutorService caller = Executors.newSingleThreadScheduledExecutor();
        try {
            caller.scheduleAtFixedRate(() -> {
                long n = frames.get();
                Exchange sent = template.send("direct:call",
                        e -> e.getMessage().setBody(n % 25 < 5 ? SPEECH : SILENCE));
                if (sent.getException() != null) {
                    failed.compareAndSet(null, sent.getException());
                }
                frames.incrementAndGet();
            }, 0, FRAME_MILLIS, TimeUnit.MILLISECONDS);
            await().atMost(Duration.ofSeconds(30))
                    .until(() -> eventsOf(mock, GeminiLiveEventType.RECONNECTED).size() >= 3 || failed.get() != null);
            long atThird = frames.get();
            await().atMost(Duration.ofSeconds(10)).until(() -> frames.get() >= atThird + 25);
        } finally {
            caller.shutdown();
            assertThat(caller.awaitTermination(10, TimeUnit.SECONDS)).isTrue();
        }
        assertThat(failed.get()).as("a frame's exchange failed").isNull();
        long sent = frames.get() * FRAME_SAMPLES;
        // every send was written when its exchange completed; the emulator may still be reading the last ones
        await().alias("every sample sent in the emulator's session state (fewer: audio lost)")
                .atMost(Duration.ofSeconds(10))
                .until(() -> shortLived.admin().session(sessionId).orElseThrow().audioSamplesInState() >= sent);

        SessionInfo info = shortLived.admin().session(sessionId).orElseThrow();
        int moves = eventsOf(mock, GeminiLiveEventType.RECONNECTED).size();
        assertThat(eventsOf(mock, GeminiLiveEventType.GO_AWAY)).hasSizeGreaterThanOrEqualTo(3);
        assertThat(eventsOf(mock, GeminiLiveEventType.RECONNECTED)).allSatisfy(r -> {
            assertThat(r.getMessage().getHeader(GeminiLiveConstants.RECONNECT_CAUSE)).isEqualTo("goAway");
            assertThat(r.getMessage().getHeader(GeminiLiveConstants.RESUMED)).isEqualTo(true);
        });
        assertThat(eventsOf(mock, GeminiLiveEventType.CLOSED)).isEmpty();
        assertThat(info.connectionsOpened()).isGreaterThanOrEqualTo(4);
        assertThat(info.audioSamplesInState()).as("samples in state (below the samples sent: lost)")
                .isGreaterThanOrEqualTo(sent);
        assertThat(info.audioSamplesInState() - sent).as("samples doubled over %d move(s)", moves)
                .isLessThanOrEqualTo(moves * MAX_DOUBLED_PER_MOVE);
    }
}
