package io.github.camelgeminilive.session;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.lang.management.ManagementFactory;
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

import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import io.github.camelgeminilive.emulator.GeminiLiveEmulator;
import io.github.camelgeminilive.emulator.SessionInfo;
import io.github.camelgeminilive.protocol.ClientMessage;
import io.github.camelgeminilive.protocol.Content;
import io.github.camelgeminilive.protocol.FunctionDeclaration;
import io.github.camelgeminilive.protocol.FunctionResponse;
import io.github.camelgeminilive.protocol.GenerationConfig;
import io.github.camelgeminilive.protocol.MimeTypes;
import io.github.camelgeminilive.protocol.ModelRules;
import io.github.camelgeminilive.protocol.ModelRulesTable;
import io.github.camelgeminilive.protocol.RealtimeInputConfig;
import io.github.camelgeminilive.protocol.Setup;
import io.github.camelgeminilive.protocol.Tool;
import io.github.camelgeminilive.session.LiveSessionException.ConnectionLostException;
import io.github.camelgeminilive.session.LiveSessionException.InvalidArgumentException;
import io.github.camelgeminilive.session.LiveSessionException.PolicyViolationException;
import io.github.camelgeminilive.session.LiveSessionException.ServerErrorException;
import io.github.camelgeminilive.session.LiveSessionException.SessionClosedException;
import io.github.camelgeminilive.session.connection.PlainLiveSession;
import io.github.camelgeminilive.testing.EventRecorder;
import io.github.camelgeminilive.testing.Signals;
import io.github.camelgeminilive.transport.ConnectionOptions;

/** The session API against the real emulator: every send, every event kind it produces, and its faults. */
class EmulatorSessionTest {

    private static final String KEY = "emulator-test-key-7f3a";
    private static final String MODEL = "models/gemini-2.5-flash-native-audio-latest";
    private static final Duration WAIT = Duration.ofSeconds(20);

    private static GeminiLiveEmulator emulator;
    private static LiveClient client;

    @BeforeAll
    static void start() {
        emulator = GeminiLiveEmulator.builder().port(0).pace(0).apiKey(KEY).build().start();
        client = LiveClient.create(ConnectionOptions.geminiApi(emulator.baseUrl(), () -> KEY));
    }

    @AfterAll
    static void stop() {
        client.close();
        emulator.close();
    }

    private static Setup.Builder setup() {
        return Setup.builder(MODEL).outputAudioTranscription(true);
    }

    private static LiveSession connect(Setup setup, EventRecorder events) throws Exception {
        return client.connect(SessionOptions.of(setup), null, events).get(WAIT.toSeconds(), TimeUnit.SECONDS);
    }

    private static String transcript(EventRecorder events, int from) {
        StringBuilder text = new StringBuilder();
        List<LiveEvent> all = events.events();
        for (int i = from; i < all.size(); i++) {
            if (all.get(i) instanceof LiveEvent.OutputTranscription t) {
                text.append(t.transcription().text());
            }
        }
        return text.toString();
    }

    private static void awaitTurn(EventRecorder events, int turns) {
        events.awaitCount(LiveEvent.TurnComplete.class, turns);
    }

    private static SessionInfo info(LiveSession session) {
        return emulator.admin().session(session.sessionId()).orElseThrow();
    }

    @Test
    void connectsAndGetsASessionId() throws Exception {
        EventRecorder events = new EventRecorder();
        try (LiveSession session = connect(setup().build(), events)) {
            assertThat(session.sessionId()).isNotBlank();
            assertThat(session.isOpen()).isTrue();
            assertThat(events.await(LiveEvent.SetupCompleted.class).sessionId()).isEqualTo(session.sessionId());
            assertThat(info(session).model()).isEqualTo(MODEL);
        }
    }

    @Test
    void textTurnStreamsAudioAndTranscriptionThenEndsTheTurnInOrder() throws Exception {
        EventRecorder events = new EventRecorder();
        try (LiveSession session = connect(setup().build(), events)) {
            session.sendText("Hello emulator").get(5, TimeUnit.SECONDS);
            awaitTurn(events, 1);
            events.await(LiveEvent.Usage.class);

            List<LiveEventType> types = events.types();
            assertThat(types.get(0)).isEqualTo(LiveEventType.SETUP_COMPLETE);
            int lastAudio = types.lastIndexOf(LiveEventType.AUDIO);
            int lastTranscript = types.lastIndexOf(LiveEventType.OUTPUT_TRANSCRIPTION);
            int generationComplete = types.indexOf(LiveEventType.GENERATION_COMPLETE);
            int turnComplete = types.indexOf(LiveEventType.TURN_COMPLETE);
            assertThat(types.indexOf(LiveEventType.AUDIO)).isPositive();
            assertThat(generationComplete).isGreaterThan(lastAudio).isGreaterThan(lastTranscript);
            assertThat(turnComplete).isGreaterThan(generationComplete);
            assertThat(types).contains(LiveEventType.USAGE);

            String text = transcript(events, 0);
            assertThat(text).isEqualTo("You said: Hello emulator");
            long bytes = 0;
            for (LiveEvent.Audio audio : events.of(LiveEvent.Audio.class)) {
                assertThat(MimeTypes.pcmRate(audio.mimeType(), 0)).isEqualTo(24000);
                assertThat(audio.data().length % 2).isZero();
                bytes += audio.data().length;
            }
            double seconds = bytes / 2.0 / 24000;
            // about 70 ms of speech per transcript character
            assertThat(seconds).isBetween(text.length() * 0.05, text.length() * 0.1);
            assertThat(events.of(LiveEvent.Usage.class).get(0).usage().totalTokenCount()).isPositive();
            assertThat(events.threads).noneMatch(t -> t.contains("I/O"));
        }
    }

    @Test
    void realtimeTextAndClientContentTurnsAreAnswered() throws Exception {
        EventRecorder events = new EventRecorder();
        try (LiveSession session = connect(setup().build(), events)) {
            session.sendRealtimeText("streamed words").get(5, TimeUnit.SECONDS);
            awaitTurn(events, 1);
            assertThat(transcript(events, 0)).isEqualTo("You said: streamed words");

            int from = events.size();
            session.sendClientContent(List.of(Content.userText("My color is green"),
                    Content.modelText("Noted."), Content.userText("What is my color?")), true)
                    .get(5, TimeUnit.SECONDS);
            awaitTurn(events, 2);
            assertThat(transcript(events, from)).contains("Your color is green.");
        }
    }

    @Test
    void realtimeTextRuleSendsTextTurnsAsRealtimeInput() throws Exception {
        EventRecorder events = new EventRecorder();
        SessionOptions options = new SessionOptions(setup().build(),
                ModelRulesTable.NATIVE_AUDIO_2_5.withTextTurn(ModelRules.TextTurn.REALTIME_TEXT),
                null, null);
        try (LiveSession session = client.connect(options, null, events).get(10, TimeUnit.SECONDS)) {
            session.sendText("via realtime").get(5, TimeUnit.SECONDS);
            awaitTurn(events, 1);
            assertThat(transcript(events, 0)).isEqualTo("You said: via realtime");
        }
    }

    @Test
    void speechThenSilenceIsATurnFoundByVoiceActivityDetection() throws Exception {
        EventRecorder events = new EventRecorder();
        try (LiveSession session = connect(setup().inputAudioTranscription(true).build(), events)) {
            byte[] pcm = Signals.speechThenSilence(16000, 1200, 1000);
            int chunk = 3200; // 100 ms
            List<CompletableFuture<Void>> sends = new ArrayList<>();
            for (int off = 0; off < pcm.length; off += chunk) {
                sends.add(session.sendAudio(pcm, off, Math.min(chunk, pcm.length - off), MimeTypes.PCM_INPUT));
            }
            CompletableFuture.allOf(sends.toArray(CompletableFuture[]::new)).get(10, TimeUnit.SECONDS);
            awaitTurn(events, 1);
            LiveEvent.InputTranscription heard = events.await(LiveEvent.InputTranscription.class);
            assertThat(heard.transcription().text()).startsWith("[speech 1.");
            assertThat(events.of(LiveEvent.Audio.class)).isNotEmpty();
            assertThat(info(session).audioSamples()).isEqualTo(pcm.length / 2);
        }
    }

    @Test
    void audioStreamEndClosesTheUserTurn() throws Exception {
        EventRecorder events = new EventRecorder();
        try (LiveSession session = connect(setup().build(), events)) {
            session.sendAudio(Signals.speechThenSilence(16000, 800, 0), MimeTypes.PCM_INPUT).get(5, TimeUnit.SECONDS);
            session.sendAudioStreamEnd().get(5, TimeUnit.SECONDS);
            awaitTurn(events, 1);
            assertThat(transcript(events, 0)).startsWith("You said: [speech 0.");
        }
    }

    @Test
    void manualActivitySignalsDelimitTheTurnWhenDetectionIsDisabled() throws Exception {
        EventRecorder events = new EventRecorder();
        Setup manual = setup().realtimeInputConfig(new RealtimeInputConfig(
                new RealtimeInputConfig.AutomaticActivityDetection(true, null, null, null, null), null, null))
                .build();
        try (LiveSession session = connect(manual, events)) {
            session.sendActivityStart();
            session.sendAudio(Signals.speechThenSilence(16000, 500, 0), MimeTypes.pcm(16000));
            session.sendActivityEnd().get(5, TimeUnit.SECONDS);
            awaitTurn(events, 1);
            assertThat(transcript(events, 0)).startsWith("You said: [speech 0.5");
            assertThat(info(session).clientMessages()).isEqualTo(3);
        }
    }

    @Test
    void videoFramesAreCounted() throws Exception {
        EventRecorder events = new EventRecorder();
        try (LiveSession session = connect(setup().build(), events)) {
            session.sendVideo(Signals.image("png"), "image/png").get(5, TimeUnit.SECONDS);
            session.sendVideo(Signals.image("jpeg"), "image/jpeg").get(5, TimeUnit.SECONDS);
            Awaitility.await().atMost(WAIT).until(() -> info(session).videoFrames() == 2);
        }
    }

    @Test
    void toolCallRoundTrip() throws Exception {
        EventRecorder events = new EventRecorder();
        FunctionDeclaration weather = new FunctionDeclaration("get_weather", "Weather for a city",
                Map.of("type", "OBJECT", "properties", Map.of("city", Map.of("type", "STRING")),
                        "required", List.of("city")));
        try (LiveSession session = connect(setup().tools(List.of(Tool.ofFunctions(List.of(weather)))).build(),
                events)) {
            session.sendText("What is the weather in Paris?").get(5, TimeUnit.SECONDS);
            LiveEvent.ToolCallRequested call = events.await(LiveEvent.ToolCallRequested.class);
            assertThat(call.functionCalls()).singleElement().satisfies(f -> {
                assertThat(f.name()).isEqualTo("get_weather");
                assertThat(f.id()).isNotBlank();
                assertThat(f.args()).containsKey("city");
            });
            int from = events.size();
            String id = call.functionCalls().get(0).id();
            session.sendToolResponse(List.of(new FunctionResponse(id, "get_weather", Map.of("forecast", "sunny"))))
                    .get(5, TimeUnit.SECONDS);
            events.await(LiveEvent.TurnComplete.class, from);
            assertThat(transcript(events, from)).contains("get_weather").contains("sunny");
        }
    }

    @Test
    void textModalityOnANativeAudioModelIsRejectedWith1007() {
        Setup text = setup().generationConfig(GenerationConfig.of(List.of("TEXT"), null)).build();
        ExecutionException e = org.junit.jupiter.api.Assertions.assertThrows(ExecutionException.class,
                () -> connect(text, new EventRecorder()));
        assertThat(e.getCause()).isInstanceOfSatisfying(InvalidArgumentException.class, x -> {
            assertThat(x.closeCode()).isEqualTo(1007);
            assertThat(x.reason()).containsIgnoringCase("TEXT");
            assertThat(x.getMessage()).contains("1007").contains(x.reason());
        });
    }

    @Test
    void aWrongKeyIsRejectedWith1008WithoutShowingAnyKey() {
        try (LiveClient wrong = LiveClient.create(ConnectionOptions.geminiApi(emulator.baseUrl(),
                () -> "wrong-key-123456"))) {
            ExecutionException e = org.junit.jupiter.api.Assertions.assertThrows(ExecutionException.class,
                    () -> wrong.connect(SessionOptions.of(setup().build()), null, new EventRecorder())
                            .get(10, TimeUnit.SECONDS));
            assertThat(e.getCause()).isInstanceOfSatisfying(PolicyViolationException.class, x -> {
                assertThat(x.closeCode()).isEqualTo(1008);
                assertThat(x.reason()).isNotBlank();
                assertThat(x.getMessage()).doesNotContain("wrong-key-123456").doesNotContain(KEY);
            });
        }
    }

    @Test
    void serverCloseWith1011EndsWithServerErrorAndFailsLaterSends() throws Exception {
        EventRecorder events = new EventRecorder();
        LiveSession session = connect(setup().build(), events);
        emulator.admin().close(session.sessionId(), 1011, "injected overload");
        LiveEvent.Closed closed = events.awaitClosed();
        assertThat(closed.code()).isEqualTo(1011);
        assertThat(closed.reason()).isEqualTo("injected overload");
        assertThat(closed.error()).isInstanceOf(ServerErrorException.class).hasMessageContaining("injected overload");
        assertThat(events.types().get(events.size() - 1)).isEqualTo(LiveEventType.CLOSED);
        assertThat(session.isOpen()).isFalse();
        assertThatThrownBy(() -> session.sendText("anyone?").get(5, TimeUnit.SECONDS))
                .cause().isInstanceOf(SessionClosedException.class).hasMessageContaining("is closed")
                .hasMessageContaining("injected overload");
    }

    @Test
    void goAwayIsAnEventAndTheServiceThenClosesNormally() throws Exception {
        EventRecorder events = new EventRecorder();
        LiveSession session = connect(setup().build(), events);
        emulator.admin().goAway(session.sessionId(), Duration.ofMillis(300));
        assertThat(events.await(LiveEvent.GoAwayReceived.class).timeLeft()).isEqualTo(Duration.ofMillis(300));
        LiveEvent.Closed closed = events.awaitClosed();
        assertThat(closed.code()).isEqualTo(1000);
        assertThat(closed.error()).isNull();
    }

    @Test
    void closingTheClientClosesItsSessionsWithAClosedEvent() throws Exception {
        EventRecorder events = new EventRecorder();
        LiveClient own = LiveClient.create(ConnectionOptions.geminiApi(emulator.baseUrl(), () -> KEY));
        LiveSession session = own.connect(SessionOptions.of(setup().build()), null, events)
                .get(10, TimeUnit.SECONDS);
        own.close();
        assertThat(events.awaitClosed().code()).isEqualTo(1000);
        assertThat(session.isOpen()).isFalse();
        assertThat(emulator.admin().session(session.sessionId()).orElseThrow().openConnections()).isZero();
    }

    /**
     * The client waits for the listener's Closed before shutting the pool that delivers it; the session's own close
     * does not, so a listener can close its session and wait for that.
     */
    @Test
    void closeCompletesAtTheHandshakeAndTheSessionEndsWhenTheListenerHasItsClosed() throws Exception {
        CountDownLatch inClosed = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        LiveSessionListener blockingOnClosed = event -> {
            if (event instanceof LiveEvent.Closed) {
                inClosed.countDown();
                try {
                    release.await(WAIT.toSeconds(), TimeUnit.SECONDS);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
        };
        PlainLiveSession session = (PlainLiveSession) client.connect(SessionOptions.of(setup().build()), null,
                blockingOnClosed).get(WAIT.toSeconds(), TimeUnit.SECONDS);
        session.closeAsync().get(WAIT.toSeconds(), TimeUnit.SECONDS);
        assertThat(inClosed.await(WAIT.toSeconds(), TimeUnit.SECONDS)).isTrue();
        assertThat(session.endedFuture()).isNotDone();
        release.countDown();
        session.endedFuture().get(WAIT.toSeconds(), TimeUnit.SECONDS);
    }

    /** Setup timers and close grace timers run on the client's pool, not on a new thread per session. */
    @Test
    void openingAndClosingSessionsStartsNoThreadPerSession() throws Exception {
        SessionOptions quickTimers = new SessionOptions(setup().build(), null, null, Duration.ofSeconds(1));
        openAndClose(quickTimers, 30); // the client's pools are at full size afterwards
        long started = ManagementFactory.getThreadMXBean().getTotalStartedThreadCount();
        openAndClose(quickTimers, 30);
        // the 30 setup timers fire within this window; a thread apiece would show here
        Awaitility.await().during(Duration.ofMillis(2500)).atMost(Duration.ofSeconds(4)).until(
                () -> ManagementFactory.getThreadMXBean().getTotalStartedThreadCount() - started < 10);
    }

    private static void openAndClose(SessionOptions options, int n) throws Exception {
        List<LiveSession> sessions = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            sessions.add(client.connect(options, null, new EventRecorder()).get(WAIT.toSeconds(), TimeUnit.SECONDS));
        }
        for (LiveSession s : sessions) {
            s.closeAsync().get(WAIT.toSeconds(), TimeUnit.SECONDS);
        }
    }

    @Test
    void aDroppedConnectionEndsWithConnectionLost() throws Exception {
        EventRecorder events = new EventRecorder();
        LiveSession session = connect(setup().build(), events);
        emulator.admin().drop(session.sessionId());
        LiveEvent.Closed closed = events.awaitClosed();
        assertThat(closed.code()).isEqualTo(LiveSessionException.ABNORMAL);
        assertThat(closed.error()).isInstanceOf(ConnectionLostException.class);
        assertThat(session.isOpen()).isFalse();
    }

    @Test
    void sendingAfterCloseFailsWithSessionClosed() throws Exception {
        EventRecorder events = new EventRecorder();
        LiveSession session = connect(setup().build(), events);
        session.closeAsync().get(5, TimeUnit.SECONDS);
        assertThat(events.awaitClosed().error()).isNull();
        for (CompletableFuture<Void> send : List.of(session.sendText("late"),
                session.sendAudio(new byte[320], MimeTypes.PCM_INPUT), session.sendActivityStart())) {
            assertThatThrownBy(() -> send.get(5, TimeUnit.SECONDS)).cause()
                    .isInstanceOf(SessionClosedException.class).hasMessageContaining("is closed");
        }
    }

    @Test
    void badInputFailsTheFutureWithAClearMessage() throws Exception {
        try (LiveSession session = connect(setup().build(), new EventRecorder())) {
            assertBad(session.sendText("  "), "blank");
            assertBad(session.sendAudio(new byte[0], MimeTypes.PCM_INPUT), "empty");
            assertBad(session.sendAudio(null, 0, 0, MimeTypes.PCM_INPUT), "null");
            assertBad(session.sendAudio(new byte[3], MimeTypes.PCM_INPUT), "16-bit");
            assertBad(session.sendAudio(new byte[4], "audio/mp3"), "audio/mp3");
            assertBad(session.sendAudio(new byte[4], "audio/pcm;rate=x"), "'x'");
            assertBad(session.sendVideo(Signals.image("png"), "image/gif"), "image/gif");
            assertBad(session.sendToolResponse(List.of()), "non-empty");
            assertBad(session.send(ClientMessage.of(setup().build())), "setup");
            assertThat(session.isOpen()).isTrue();
            assertThat(info(session).clientMessages()).isZero();
        }
    }

    private static void assertBad(CompletableFuture<Void> send, String text) {
        assertThatThrownBy(() -> send.get(5, TimeUnit.SECONDS)).cause()
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining(text);
    }

    @Test
    void fourThreadsSending500AudioFramesAllArriveAndComplete() throws Exception {
        EventRecorder events = new EventRecorder();
        ExecutorService senders = Executors.newFixedThreadPool(4);
        try (LiveSession session = connect(setup().build(), events)) {
            byte[] quiet = new byte[640]; // 20 ms of silence: no turn starts
            List<CompletableFuture<Void>> sends = Collections.synchronizedList(new ArrayList<>());
            List<Future<?>> jobs = new ArrayList<>();
            for (int t = 0; t < 4; t++) {
                jobs.add(senders.submit(() -> {
                    for (int i = 0; i < 125; i++) {
                        sends.add(session.sendAudio(quiet, MimeTypes.PCM_INPUT));
                    }
                }));
            }
            for (Future<?> job : jobs) {
                job.get(10, TimeUnit.SECONDS);
            }
            CompletableFuture.allOf(sends.toArray(CompletableFuture[]::new)).get(20, TimeUnit.SECONDS);
            assertThat(sends).hasSize(500).allMatch(f -> f.isDone() && !f.isCompletedExceptionally());
            Awaitility.await().atMost(WAIT).until(() -> info(session).clientMessages() == 500);
            assertThat(info(session).audioSamples()).isEqualTo(500L * 320);
            assertThat(session.isOpen()).isTrue();
        } finally {
            senders.shutdownNow();
        }
    }
}
