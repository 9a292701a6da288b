package io.github.camelgeminilive.session;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.github.camelgeminilive.protocol.FunctionResponse;
import io.github.camelgeminilive.protocol.Setup;
import io.github.camelgeminilive.session.LiveSessionException.ConnectionLostException;
import io.github.camelgeminilive.session.LiveSessionException.MalformedMessageException;
import io.github.camelgeminilive.session.connection.PlainLiveSession;
import io.github.camelgeminilive.session.resilience.ToolCalls;
import io.github.camelgeminilive.testing.EventRecorder;
import io.github.camelgeminilive.testing.Resilience;
import io.github.camelgeminilive.testing.ScriptedServer;
import io.github.camelgeminilive.testing.ScriptedServer.KeyStoreFile;
import io.github.camelgeminilive.transport.ConnectionOptions;

/** Faults the emulator does not produce, and TLS host checks, against a small scripted WebSocket server. */
class ScriptedServerSessionTest {

    private static final String KEY = "scripted-secret-key-123";
    private static final Pattern FRAME = Pattern.compile("\"t(\\d)-(\\d+)\"");
    private static final SessionOptions SETUP = SessionOptions.of(
            Setup.builder("models/gemini-2.5-flash-native-audio-latest").build());

    @TempDir
    static Path dir;
    static KeyStoreFile localhostCert;
    static KeyStoreFile otherHostCert;

    private ScriptedServer server;
    private LiveClient client;

    @BeforeAll
    static void certificates() throws Exception {
        localhostCert = KeyStoreFile.generate(dir, "dns:localhost");
        otherHostCert = KeyStoreFile.generate(dir, "dns:wrong.example");
    }

    @AfterEach
    void stop() {
        if (client != null) {
            client.close();
        }
        if (server != null) {
            server.close();
        }
    }

    private LiveClient client(ConnectionOptions options) {
        client = LiveClient.create(options);
        return client;
    }

    @Test
    void sendsSetupFirstWithTheKeyOnlyInTheHeaderAndReadsBinarySetupComplete() throws Exception {
        server = new ScriptedServer(null, ScriptedServer.setupThen((ch, text) -> {}));
        EventRecorder events = new EventRecorder();
        LiveSession session = client(ConnectionOptions.geminiApi(server.baseUrl("127.0.0.1"), () -> KEY))
                .connect(SETUP, null, events).get(10, TimeUnit.SECONDS);
        assertThat(session.sessionId()).isEqualTo("scripted-1");
        assertThat(server.nextReceived()).isEqualTo(
                "{\"setup\":{\"model\":\"models/gemini-2.5-flash-native-audio-latest\"}}");
        assertThat(server.apiKeyHeaders.poll()).isEqualTo(KEY);
        assertThat(events.await(LiveEvent.SetupCompleted.class).sessionId()).isEqualTo("scripted-1");
        assertThat(session.toString()).doesNotContain(KEY);
        session.close();
        assertThat(events.awaitClosed()).satisfies(c -> {
            assertThat(c.code()).isEqualTo(1000);
            assertThat(c.error()).isNull();
        });
        assertThat(events.types().get(events.size() - 1)).isEqualTo(LiveEventType.CLOSED);
    }

    @Test
    void framesLeaveInCallOrderPerThreadAndEveryFutureCompletes() throws Exception {
        server = new ScriptedServer(null, ScriptedServer.setupThen((ch, text) -> {}));
        LiveSession session = client(ConnectionOptions.geminiApi(server.baseUrl("127.0.0.1"), () -> KEY))
                .connect(SETUP, null, e -> {}).get(10, TimeUnit.SECONDS);
        server.nextReceived(); // setup
        int threads = 4;
        int perThread = 300;
        ExecutorService senders = Executors.newFixedThreadPool(threads);
        List<CompletableFuture<Void>> sends =
                Collections.synchronizedList(new ArrayList<>());
        try {
            List<Future<?>> jobs = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                int thread = t;
                jobs.add(senders.submit(() -> {
                    for (int i = 0; i < perThread; i++) {
                        sends.add(session.sendRealtimeText("t" + thread + "-" + i));
                    }
                }));
            }
            for (Future<?> job : jobs) {
                job.get(10, TimeUnit.SECONDS);
            }
            CompletableFuture.allOf(sends.toArray(CompletableFuture[]::new))
                    .get(20, TimeUnit.SECONDS);
        } finally {
            senders.shutdownNow();
        }
        assertThat(sends).allMatch(f -> f.isDone() && !f.isCompletedExceptionally());
        int[] next = new int[threads];
        for (int n = 0; n < threads * perThread; n++) {
            String text = server.nextReceived();
            Matcher m = FRAME.matcher(text);
            assertThat(m.find()).as(text).isTrue();
            int thread = Integer.parseInt(m.group(1));
            assertThat(Integer.parseInt(m.group(2))).as("frame order of thread " + thread).isEqualTo(next[thread]++);
        }
        assertThat(next).containsOnly(perThread);
        session.close();
    }

    @Test
    void malformedMessagesAfterSetupAreSkippedCountedAndReportedAndTheSessionCarriesOn() throws Exception {
        server = new ScriptedServer(null, ScriptedServer.setupThen((ch, text) -> {
            ScriptedServer.sendBinary(ch, "{\"serverContent\": not json");
            ScriptedServer.sendBinary(ch, "{\"serverContent\":{\"modelTurn\":{\"parts\":\"not a list\"}}}");
            ScriptedServer.sendBinary(ch, "{\"serverContent\":{\"outputTranscription\":{\"text\":\"still here\"},"
                    + "\"turnComplete\":true}}");
        }));
        EventRecorder events = new EventRecorder();
        LiveSession session = client(ConnectionOptions.geminiApi(server.baseUrl("127.0.0.1"), () -> KEY))
                .connect(SETUP, null, events).get(10, TimeUnit.SECONDS);
        session.sendText("hello").get(5, TimeUnit.SECONDS);

        events.await(LiveEvent.TurnComplete.class);
        assertThat(session.isOpen()).isTrue();
        assertThat(events.types()).containsExactly(LiveEventType.SETUP_COMPLETE, LiveEventType.MALFORMED_MESSAGE,
                LiveEventType.MALFORMED_MESSAGE, LiveEventType.OUTPUT_TRANSCRIPTION, LiveEventType.TURN_COMPLETE);
        List<LiveEvent.MalformedMessage> malformed = events.of(LiveEvent.MalformedMessage.class);
        assertThat(malformed.get(0).error()).startsWith("Malformed server message").doesNotContain("not json");
        assertThat(malformed.get(1).error()).contains("serverContent.modelTurn.parts")
                .doesNotContain("not a list");
        assertThat(session.metrics().malformedMessages()).isEqualTo(2);
        assertThat(session.metrics().connections()).isEqualTo(1);
        session.close();
        assertThat(events.awaitClosed().error()).isNull();
    }

    @Test
    void aHostileDurationIsSkippedQuicklyAndTheSessionCarriesOn() throws Exception {
        // the parser's fix (fail fast on huge exponents) is on another branch: this test proves it with the session
        server = new ScriptedServer(null, ScriptedServer.setupThen((ch, text) -> {
            ScriptedServer.sendBinary(ch, "{\"goAway\":{\"timeLeft\":\"1e999999999s\"}}");
            ScriptedServer.sendBinary(ch, "{\"goAway\":{\"timeLeft\":\"-1e999999999s\"}}");
            ScriptedServer.sendBinary(ch, "{\"serverContent\":{\"turnComplete\":true}}");
        }));
        EventRecorder events = new EventRecorder();
        LiveSession session = client(ConnectionOptions.geminiApi(server.baseUrl("127.0.0.1"), () -> KEY))
                .connect(SETUP, null, events).get(10, TimeUnit.SECONDS);
        session.sendText("hello").get(5, TimeUnit.SECONDS);

        Awaitility.await().atMost(Duration.ofSeconds(10)).until(() -> !events.of(LiveEvent.TurnComplete.class)
                .isEmpty());
        assertThat(session.isOpen()).isTrue();
        assertThat(events.of(LiveEvent.GoAwayReceived.class)).isEmpty();
        assertThat(events.of(LiveEvent.MalformedMessage.class)).hasSize(2)
                .allSatisfy(m -> assertThat(m.error()).contains("goAway.timeLeft"));
        assertThat(session.metrics().malformedMessages()).isEqualTo(2);
        session.close();
    }

    @Test
    void aResilientSessionSkipsMalformedMessagesToo() throws Exception {
        server = new ScriptedServer(null, ScriptedServer.setupThen((ch, text) -> {
            ScriptedServer.sendBinary(ch, "[1, 2]");
            ScriptedServer.sendBinary(ch, "{\"serverContent\":{\"turnComplete\":true}}");
        }));
        EventRecorder events = new EventRecorder();
        ResilientSession session = client(ConnectionOptions.geminiApi(server.baseUrl("127.0.0.1"), () -> KEY))
                .connectResilient(SETUP, Resilience.options(false), events).get(10, TimeUnit.SECONDS);
        session.sendText("hello").get(5, TimeUnit.SECONDS);

        events.await(LiveEvent.TurnComplete.class);
        assertThat(events.of(LiveEvent.MalformedMessage.class)).hasSize(1);
        assertThat(session.metrics().malformedMessages()).isEqualTo(1);
        assertThat(session.metrics().reconnects()).isZero();
        session.close();
    }

    @Test
    void aFloodOfMalformedMessagesEndsTheSessionWithAClearError() throws Exception {
        int flood = PlainLiveSession.MAX_CONSECUTIVE_MALFORMED;
        server = new ScriptedServer(null, ScriptedServer.setupThen((ch, text) -> {
            for (int i = 0; i < flood + 10; i++) {
                ScriptedServer.sendBinary(ch, "{\"serverContent\": not json");
            }
        }));
        EventRecorder events = new EventRecorder();
        LiveSession session = client(ConnectionOptions.geminiApi(server.baseUrl("127.0.0.1"), () -> KEY))
                .connect(SETUP, null, events).get(10, TimeUnit.SECONDS);
        session.sendText("hello").get(5, TimeUnit.SECONDS);
        LiveEvent.Closed closed = events.awaitClosed();
        assertThat(closed.error()).isInstanceOf(MalformedMessageException.class)
                .hasMessageContaining(flood + " malformed messages in a row");
        assertThat(closed.code()).isEqualTo(1007);
        assertThat(events.of(LiveEvent.MalformedMessage.class)).hasSize(flood - 1);
        assertThatThrownBy(() -> session.sendText("again").get(5, TimeUnit.SECONDS))
                .hasCauseInstanceOf(LiveSessionException.SessionClosedException.class)
                .hasMessageContaining("is closed");
    }

    @Test
    void aMalformedFirstMessageFailsTheConnect() throws Exception {
        server = new ScriptedServer(null, (ch, text) -> ScriptedServer.sendBinary(ch, "{\"setupComplete\": {"));
        EventRecorder events = new EventRecorder();
        assertThatThrownBy(() -> client(ConnectionOptions.geminiApi(server.baseUrl("127.0.0.1"), () -> KEY))
                .connect(SETUP, null, events).get(10, TimeUnit.SECONDS))
                .hasCauseInstanceOf(MalformedMessageException.class)
                .hasMessageContaining("malformed message");
        assertThat(events.size()).isZero();
    }

    @Test
    void aResilientSessionCancelsTheOldestPendingToolCallsBeyondItsBound() throws Exception {
        int calls = ToolCalls.MAX_PENDING + 6;
        StringBuilder flood = new StringBuilder("{\"toolCall\":{\"functionCalls\":[");
        for (int i = 0; i < calls; i++) {
            flood.append(i == 0 ? "" : ",").append("{\"id\":\"c").append(i).append("\",\"name\":\"f\"}");
        }
        String toolCall = flood.append("]}}").toString();
        server = new ScriptedServer(null, ScriptedServer.setupThen((ch, text) -> {
            if (text.contains("hello")) {
                ScriptedServer.sendBinary(ch, toolCall);
            }
        }));
        EventRecorder events = new EventRecorder();
        ResilientSession session = client(ConnectionOptions.geminiApi(server.baseUrl("127.0.0.1"), () -> KEY))
                .connectResilient(SETUP, Resilience.options(false), events).get(10, TimeUnit.SECONDS);
        session.sendText("hello").get(5, TimeUnit.SECONDS);

        events.await(LiveEvent.ToolCallRequested.class);
        assertThat(events.of(LiveEvent.ToolCallCancelled.class)).singleElement()
                .satisfies(c -> assertThat(c.ids()).containsExactly("c0", "c1", "c2", "c3", "c4", "c5"));
        assertThat(session.metrics().cancelledToolCalls()).isEqualTo(6);
        assertThatThrownBy(() -> session.sendToolResponse(List.of(new FunctionResponse("c0", "f", Map.of(), null)))
                .get(5, TimeUnit.SECONDS)).hasMessageContaining("already answered or cancelled");
        session.sendToolResponse(List.of(new FunctionResponse("c6", "f", Map.of(), null))).get(5, TimeUnit.SECONDS);
        session.close();
    }

    @Test
    void aPlainListenerFallingBehindOnStateEndsTheSessionAndStillGetsItsClosed() throws Exception {
        listenerFallsBehindOnState(false);
    }

    @Test
    void aResilientListenerFallingBehindOnStateEndsTheSessionAndStillGetsItsClosed() throws Exception {
        listenerFallsBehindOnState(true);
    }

    /** Turn ends cannot be dropped: a listener stuck while 30 of them arrive, with room for 5, ends the session. */
    private void listenerFallsBehindOnState(boolean resilient) throws Exception {
        server = new ScriptedServer(null, ScriptedServer.setupThen((ch, text) -> {
            for (int i = 0; i < 30; i++) {
                ScriptedServer.sendBinary(ch, "{\"serverContent\":{\"turnComplete\":true}}");
            }
        }));
        CountDownLatch release = new CountDownLatch(1);
        EventRecorder events = new EventRecorder();
        LiveSessionListener stuck = event -> {
            events.onEvent(event);
            if (event instanceof LiveEvent.TurnComplete) {
                await(release);
            }
        };
        SessionOptions five = SETUP.withMaxQueuedEvents(5);
        LiveClient c = client(ConnectionOptions.geminiApi(server.baseUrl("127.0.0.1"), () -> KEY));
        LiveSession session = resilient
                ? c.connectResilient(five, Resilience.options(false), stuck).get(10, TimeUnit.SECONDS)
                : c.connect(five, null, stuck).get(10, TimeUnit.SECONDS);
        try {
            session.sendText("hello").get(5, TimeUnit.SECONDS);
            // at most one turn end in the listener, 6 queued (one beyond the bound): the session ends meanwhile
            Awaitility.await().atMost(Duration.ofSeconds(10)).until(() -> !session.isOpen());
        } finally {
            release.countDown();
        }
        LiveEvent.Closed closed = events.awaitClosed();
        assertThat(closed.code()).isEqualTo(1011);
        assertThat(closed.error()).hasMessageContaining("fell 6 events").hasMessageContaining("maxQueuedEvents=5");
        assertThat(events.of(LiveEvent.TurnComplete.class)).hasSizeLessThanOrEqualTo(7);
        assertThat(events.types().get(events.size() - 1)).isEqualTo(LiveEventType.CLOSED);
    }

    private static void await(CountDownLatch latch) {
        try {
            latch.await(20, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Test
    void aListenerThrowingAnErrorStillGetsItsClosedEvent() throws Exception {
        server = new ScriptedServer(null, ScriptedServer.setupThen((ch, text) -> {}));
        EventRecorder events = new EventRecorder();
        LiveSession session = client(ConnectionOptions.geminiApi(server.baseUrl("127.0.0.1"), () -> KEY))
                .connect(SETUP, null, event -> {
                    events.onEvent(event);
                    if (event instanceof LiveEvent.SetupCompleted) {
                        throw new AssertionError("a listener's own bug");
                    }
                }).get(10, TimeUnit.SECONDS);
        events.await(LiveEvent.SetupCompleted.class);
        session.close();
        assertThat(events.awaitClosed().code()).isEqualTo(1000);
    }

    @Test
    void textFramesAreReadLikeBinaryOnes() throws Exception {
        server = new ScriptedServer(null, (ch, text) -> {
            if (text.contains("\"setup\"")) {
                ScriptedServer.sendText(ch, ScriptedServer.SETUP_COMPLETE);
            } else {
                ScriptedServer.sendText(ch, "{\"serverContent\":{\"outputTranscription\":{\"text\":\"hi\"},"
                        + "\"turnComplete\":true}}");
            }
        });
        EventRecorder events = new EventRecorder();
        LiveSession session = client(ConnectionOptions.geminiApi(server.baseUrl("127.0.0.1"), () -> KEY))
                .connect(SETUP, null, events).get(10, TimeUnit.SECONDS);
        assertThat(session.sessionId()).isEqualTo("scripted-1");
        session.sendText("hello").get(5, TimeUnit.SECONDS);
        events.await(LiveEvent.TurnComplete.class);
        assertThat(events.types()).containsExactly(LiveEventType.SETUP_COMPLETE, LiveEventType.OUTPUT_TRANSCRIPTION,
                LiveEventType.TURN_COMPLETE);
        session.close();
    }

    @Test
    void aMessageAboveTheSizeLimitEndsTheSessionInsteadOfHanging() throws Exception {
        server = new ScriptedServer(null, ScriptedServer.setupThen((ch, text) -> ScriptedServer.sendBinary(ch,
                "{\"serverContent\":{\"outputTranscription\":{\"text\":\"" + "x".repeat(8192) + "\"}}}")));
        EventRecorder events = new EventRecorder();
        ConnectionOptions small = new ConnectionOptions(server.baseUrl("127.0.0.1"),
                ConnectionOptions.Flavour.GEMINI_API, null, () -> KEY, null, null, null, 4096);
        LiveSession session = client(small).connect(SETUP, null, events).get(10, TimeUnit.SECONDS);
        session.sendText("send me something big").get(5, TimeUnit.SECONDS);
        LiveEvent.Closed closed = events.awaitClosed();
        assertThat(closed.code()).isEqualTo(1009);
        assertThat(closed.error()).isInstanceOf(LiveSessionException.class).hasMessageContaining("1009");
        assertThat(events.of(LiveEvent.OutputTranscription.class)).isEmpty();
    }

    @Test
    void anyOtherFirstMessageFailsTheSetup() throws Exception {
        server = new ScriptedServer(null, (ch, text) -> ScriptedServer.sendBinary(ch,
                "{\"serverContent\":{\"turnComplete\":true}}"));
        EventRecorder events = new EventRecorder();
        assertThatThrownBy(() -> client(ConnectionOptions.geminiApi(server.baseUrl("127.0.0.1"), () -> KEY))
                .connect(SETUP, null, events).get(10, TimeUnit.SECONDS))
                .hasCauseInstanceOf(LiveSessionException.class)
                .hasMessageContaining("before setupComplete");
        assertThat(events.size()).isZero();
    }

    @Test
    void setupTimesOutWhenTheServerStaysSilent() throws Exception {
        server = new ScriptedServer(null, (ch, text) -> {});
        SessionOptions quick = new SessionOptions(SETUP.setup(), null, null, Duration.ofMillis(300));
        assertThatThrownBy(() -> client(ConnectionOptions.geminiApi(server.baseUrl("127.0.0.1"), () -> KEY))
                .connect(quick, null, e -> {}).get(10, TimeUnit.SECONDS))
                .hasCauseInstanceOf(ConnectionLostException.class)
                .hasMessageContaining("No setupComplete").hasMessageContaining("PT0.3S");
    }

    @Test
    void aServerThatNeverAnswersTheUpgradeHitsTheConnectTimeout() throws Exception {
        try (ServerSocket silent = new ServerSocket(0, 50, InetAddress.getLoopbackAddress())) {
            ConnectionOptions options = ConnectionOptions.geminiApi(
                    URI.create("ws://127.0.0.1:" + silent.getLocalPort()), () -> KEY)
                    .withConnectTimeout(Duration.ofMillis(500));
            long start = System.nanoTime();
            assertThatThrownBy(() -> client(options).connect(SETUP, null, e -> {}).get(10, TimeUnit.SECONDS))
                    .hasCauseInstanceOf(ConnectionLostException.class)
                    .hasMessageContaining("no WebSocket handshake within PT0.5S")
                    .hasMessageNotContaining(KEY);
            assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(5));
        }
    }

    @Test
    void eventsRunOnTheExecutorTheOptionsName() throws Exception {
        server = new ScriptedServer(null, ScriptedServer.setupThen((ch, text) -> {}));
        ExecutorService mine = Executors.newSingleThreadExecutor(r -> new Thread(r, "my-event-thread"));
        try {
            EventRecorder events = new EventRecorder();
            SessionOptions options = new SessionOptions(SETUP.setup(), null, mine, null);
            LiveSession session = client(ConnectionOptions.geminiApi(server.baseUrl("127.0.0.1"), () -> KEY))
                    .connect(options, null, events).get(10, TimeUnit.SECONDS);
            session.close();
            events.awaitClosed();
            assertThat(events.threads).isNotEmpty().containsOnly("my-event-thread");
        } finally {
            mine.shutdownNow();
        }
    }

    @Test
    void refusedConnectionFailsWithAClearMessageWithoutTheKey() throws Exception {
        int freePort;
        try (ServerSocket s = new ServerSocket(0)) {
            freePort = s.getLocalPort();
        }
        ExecutionException e = org.junit.jupiter.api.Assertions.assertThrows(ExecutionException.class,
                () -> client(ConnectionOptions.geminiApi(URI.create("ws://127.0.0.1:" + freePort), () -> KEY))
                        .connect(SETUP, null, ev -> {}).get(10, TimeUnit.SECONDS));
        assertThat(e.getCause()).isInstanceOf(ConnectionLostException.class)
                .hasMessageContaining("Cannot connect to ws://127.0.0.1:" + freePort)
                .hasMessageNotContaining(KEY);
    }

    /** A typo in the host (under .invalid, which never resolves: RFC 6761) is named, not Undertow's null address. */
    @Test
    void anUnresolvableHostFailsNamingTheHostWithoutTheKeyOrQuery() throws Exception {
        String host = "generativelanguage.googleapis.invalid";
        assertThatThrownBy(() -> client(new ConnectionOptions(URI.create("wss://" + host),
                ConnectionOptions.Flavour.EPHEMERAL_TOKEN, null, () -> KEY, null, null, null, 0))
                .connect(SETUP, null, e -> {}).get(10, TimeUnit.SECONDS))
                .hasCauseInstanceOf(ConnectionLostException.class)
                .hasMessageContaining("cannot resolve host '" + host + "'")
                .hasMessageNotContaining(KEY)
                .hasMessageNotContaining("access_token")
                .hasMessageNotContaining("may not be null");
    }

    @Test
    void tlsWithATrustedCertificateForTheHostWorks() throws Exception {
        server = new ScriptedServer(localhostCert, ScriptedServer.setupThen((ch, text) -> {}));
        LiveSession session = client(ConnectionOptions.geminiApi(server.baseUrl("localhost"), () -> KEY)
                .withTrustStore(localhostCert.file(), localhostCert.password()))
                .connect(SETUP, null, e -> {}).get(10, TimeUnit.SECONDS);
        assertThat(session.sessionId()).isEqualTo("scripted-1");
        session.close();
    }

    @Test
    void tlsRejectsATrustedCertificateForAnotherHost() throws Exception {
        server = new ScriptedServer(otherHostCert, ScriptedServer.setupThen((ch, text) -> {}));
        assertThatThrownBy(() -> client(ConnectionOptions.geminiApi(server.baseUrl("localhost"), () -> KEY)
                .withTrustStore(otherHostCert.file(), otherHostCert.password()))
                .connect(SETUP, null, e -> {}).get(10, TimeUnit.SECONDS))
                .hasCauseInstanceOf(ConnectionLostException.class)
                .hasMessageContaining("Cannot connect to wss://localhost:")
                .hasMessageContaining("TLS certificate rejected")
                .hasMessageContaining("No subject alternative DNS name matching localhost")
                .hasMessageNotContaining(KEY);
        assertThat(server.received).isEmpty();
    }

    @Test
    void tlsRejectsAnUntrustedCertificate() throws Exception {
        server = new ScriptedServer(localhostCert, ScriptedServer.setupThen((ch, text) -> {}));
        assertThatThrownBy(() -> client(ConnectionOptions.geminiApi(server.baseUrl("localhost"), () -> KEY))
                .connect(SETUP, null, e -> {}).get(10, TimeUnit.SECONDS))
                .hasCauseInstanceOf(ConnectionLostException.class)
                .hasMessageContaining("Cannot connect to wss://localhost:")
                .hasMessageContaining("TLS certificate rejected")
                .hasMessageContaining("unable to find valid certification path");
        assertThat(server.received).isEmpty();
    }
}
