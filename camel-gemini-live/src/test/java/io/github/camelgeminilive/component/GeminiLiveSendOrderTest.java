package io.github.camelgeminilive.component;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import org.apache.camel.AsyncProducer;
import org.apache.camel.Endpoint;
import org.apache.camel.Exchange;
import org.apache.camel.ExchangePattern;
import org.apache.camel.builder.RouteBuilder;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import io.github.camelgeminilive.emulator.GeminiLiveEmulator;

/**
 * Call order is wire order, also while the session connects; concurrent InOut exchanges on one key each get their own
 * turn's reply; an InputStream body is streamed frame by frame. Evidence: what reached the emulator's model, in order.
 */
class GeminiLiveSendOrderTest extends GeminiLiveTestSupport {

    private static final RecordingSimulatedModel MODEL = new RecordingSimulatedModel();
    private static GeminiLiveEmulator recorded;

    @BeforeAll
    static void startRecordingEmulator() {
        // the large stream is 26 minutes of audio: more than a session without compression may send (15 min)
        recorded = emulatorOn127().engine(MODEL)
                .sessionLength(Duration.ZERO, Duration.ZERO).build().start();
    }

    @AfterAll
    static void stopRecordingEmulator() {
        recorded.close();
    }

    @BeforeEach
    void forgetEarlierTests() {
        MODEL.clear();
    }

    @Override
    protected RouteBuilder createRouteBuilder() {
        return new RouteBuilder() {
            @Override
            public void configure() {
                // stream caching (on by default) would read the whole stream before the producer sees it
                from("direct:stream").noStreamCaching().to(uri(recorded, "stream"));
            }
        };
    }

    @ParameterizedTest(name = "resilient={0}")
    @ValueSource(booleans = {true, false})
    void framesAndInOutTurnsHandedBeforeTheConnectReachTheWireInCallOrder(boolean resilient) throws Exception {
        try (HeldConnectProxy proxy = new HeldConnectProxy(recorded.port())) {
            Endpoint endpoint = context.getEndpoint("gemini-live:order?baseUrl=ws://127.0.0.1:" + proxy.port()
                    + "&apiKey={{gemini.apiKey}}&resilient=" + resilient);
            AsyncProducer producer = endpoint.createAsyncProducer();
            producer.start();
            try {
                List<String> expected = new ArrayList<>();
                List<CompletableFuture<Exchange>> frames = new ArrayList<>();
                Map<String, CompletableFuture<Exchange>> turns = new LinkedHashMap<>();
                for (int i = 1; i <= 200; i++) { // one thread, as an asynchronous feed hands frames over
                    frames.add(hand(producer, endpoint, ExchangePattern.InOnly, TestAudio.stamped(20, i)));
                    expected.add("audio:" + i);
                    if (i == 50 || i == 120 || i == 200) {
                        String question = "Question after frame " + i;
                        turns.put(question, hand(producer, endpoint, ExchangePattern.InOut, question));
                        expected.add("text:" + question);
                    }
                }
                proxy.accepted().get(20, TimeUnit.SECONDS);
                assertThat(frames).noneMatch(CompletableFuture::isDone); // the connect is held: nothing was written

                proxy.release();

                for (CompletableFuture<Exchange> f : frames) {
                    assertThat(f.get(30, TimeUnit.SECONDS).getException()).isNull();
                }
                for (Map.Entry<String, CompletableFuture<Exchange>> turn : turns.entrySet()) {
                    assertOwnReply(turn.getKey(), turn.getValue().get(60, TimeUnit.SECONDS));
                }
                assertThat(interrupted(turns.get("Question after frame 200").join())).isFalse();
                await().atMost(Duration.ofSeconds(20)).until(() -> MODEL.messages().size() >= expected.size());
                assertThat(MODEL.messages()).containsExactlyElementsOf(expected);
            } finally {
                producer.stop();
            }
        }
    }

    /**
     * The first round is asked while the connect is held, so its turns all wait for the connect; later rounds race
     * on the open session. Turns that overlap interrupt each other (the emulator, like the service, ends the turn in
     * progress when a new one arrives), so a reply may be cut short, but it must still be its own turn's.
     */
    @Test
    void concurrentInOutTurnsOnOneKeyEachGetTheirOwnTurnsReply() throws Exception {
        int threads = 20;
        int rounds = 3;
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try (HeldConnectProxy proxy = new HeldConnectProxy(recorded.port())) {
            CountDownLatch firstRound = new CountDownLatch(threads);
            context.addRoutes(new RouteBuilder() {
                @Override
                public void configure() {
                    from("direct:askHeld").process(e -> firstRound.countDown())
                            .to("gemini-live:askHeld?baseUrl=ws://127.0.0.1:" + proxy.port()
                                    + "&apiKey={{gemini.apiKey}}");
                }
            });
            List<Future<Map<String, Exchange>>> asked = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                int thread = t;
                asked.add(pool.submit(() -> {
                    Map<String, Exchange> replies = new LinkedHashMap<>();
                    for (int r = 0; r < rounds; r++) {
                        String question = String.format("T%02dR%d asks", thread, r);
                        replies.put(question, template.request("direct:askHeld",
                                e -> e.getMessage().setBody(question)));
                    }
                    return replies;
                }));
            }
            assertThat(firstRound.await(30, TimeUnit.SECONDS)).isTrue();
            proxy.release();

            int whole = 0;
            for (Future<Map<String, Exchange>> f : asked) {
                for (Map.Entry<String, Exchange> reply : f.get(120, TimeUnit.SECONDS).entrySet()) {
                    assertOwnReply(reply.getKey(), reply.getValue());
                    whole += interrupted(reply.getValue()) ? 0 : 1;
                }
            }
            assertThat(whole).isPositive(); // at least the last turn is answered in full
            assertThat(MODEL.messages()).hasSize(threads * rounds);
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void aStreamWhoseReadFailsMidwaySendsTheFramesReadAndFailsTheExchange() {
        Exchange sent = template.send("direct:stream",
                e -> e.getMessage().setBody(new LazyAudio(1_000_000, 64_000, MODEL::audioBytes)));

        assertThat(sent.getException()).hasMessageContaining("Cannot read the InputStream body after 64000 bytes")
                .hasRootCauseMessage("disk gone");
        // the two whole frames before the failure were sent, in full, and nothing after it
        await().atMost(Duration.ofSeconds(20)).until(() -> MODEL.audioBytes() >= 64_000);
        assertThat(MODEL.audioBytes()).isEqualTo(64_000);
        assertThat(MODEL.messages()).hasSize(2);
    }

    @Test
    void aLargeStreamIsSentFrameByFrameWithoutBeingReadAhead() {
        long length = 50_000_000;
        LazyAudio audio = new LazyAudio(length, Long.MAX_VALUE, MODEL::audioBytes);

        Exchange sent = template.send("direct:stream", e -> e.getMessage().setBody(audio));

        assertThat(sent.getException()).isNull();
        await().atMost(Duration.ofSeconds(120)).until(() -> MODEL.audioBytes() >= length);
        assertThat(MODEL.audioBytes()).isEqualTo(length);
        assertThat(MODEL.messages()).hasSize((int) ((length + 31_999) / 32_000));
        // what was read but not yet received stays a small part of the stream (socket buffers included)
        assertThat(audio.maxLead()).isLessThan(16_000_000);
    }

    private static CompletableFuture<Exchange> hand(AsyncProducer producer, Endpoint endpoint, ExchangePattern pattern,
            Object body) {
        Exchange exchange = endpoint.createExchange(pattern);
        exchange.getMessage().setBody(body);
        CompletableFuture<Exchange> done = new CompletableFuture<>();
        producer.process(exchange, doneSync -> done.complete(exchange));
        return done;
    }

    /** The reply is the answer to {@code question}: whole, or cut short by a later turn and then a prefix of it. */
    private static void assertOwnReply(String question, Exchange reply) {
        assertThat(reply.getException()).as("exchange of '%s'", question).isNull();
        String own = "You said: " + question;
        String transcript = reply.getMessage().getHeader(GeminiLiveConstants.OUTPUT_TRANSCRIPT, String.class);
        if (interrupted(reply)) {
            assertThat(own).as("interrupted reply to '%s'", question).startsWith(transcript);
        } else {
            assertThat(transcript).as("reply to '%s'", question).isEqualTo(own);
        }
    }

    private static boolean interrupted(Exchange reply) {
        return reply.getMessage().getHeader(GeminiLiveConstants.INTERRUPTED, Boolean.class);
    }
}
