package io.github.camelgeminilive.session;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import io.github.camelgeminilive.emulator.GeminiLiveEmulator;
import io.github.camelgeminilive.emulator.SessionInfo;
import io.github.camelgeminilive.protocol.FunctionCall;
import io.github.camelgeminilive.protocol.FunctionDeclaration;
import io.github.camelgeminilive.protocol.FunctionResponse;
import io.github.camelgeminilive.protocol.Setup;
import io.github.camelgeminilive.protocol.Tool;
import io.github.camelgeminilive.testing.EventRecorder;
import io.github.camelgeminilive.testing.Resilience;
import io.github.camelgeminilive.transport.ConnectionOptions;

/** Go-away handovers: drain, close, resume, replay, with memory and every audio sample kept. */
class ResilientGoAwayTest {

    private GeminiLiveEmulator emulator;
    private LiveClient client;

    @BeforeEach
    void start() {
        emulator = GeminiLiveEmulator.builder().port(0).pace(0.2).build().start();
        client = LiveClient.create(ConnectionOptions.geminiApi(emulator.baseUrl(), () -> "key"));
    }

    @AfterEach
    void stop() {
        client.close();
        emulator.close();
    }

    private SessionInfo info(ResilientSession session) {
        return emulator.admin().session(session.sessionId()).orElseThrow();
    }

    @Test
    void goAwayMidTurnWaitsForTheTurnThenResumesWithMemory() throws Exception {
        EventRecorder events = new EventRecorder();
        ResilientSession session = client.connectResilient(Resilience.session(), Resilience.options(true), events)
                .get(10, TimeUnit.SECONDS);
        byte[] pcm = new byte[3200];
        session.sendAudio(pcm, null).get(5, TimeUnit.SECONDS);
        session.sendText("My name is Alice").get(5, TimeUnit.SECONDS);
        events.await(LiveEvent.Audio.class);
        emulator.admin().goAway(session.sessionId(), Duration.ofSeconds(10));
        session.sendAudio(pcm, null); // audio keeps streaming during the drain; the handle or the replay covers it
        LiveEvent.Reconnected reconnected = events.await(LiveEvent.Reconnected.class);
        int afterMove = events.size();

        // the reply in flight finished on the old connection before the move: nothing aborted, nothing twice
        assertThat(reconnected.replyAborted()).isFalse();
        assertThat(reconnected.resumed()).isTrue();
        assertThat(reconnected.cause()).isEqualTo("goAway");
        assertThat(events.of(LiveEvent.TurnComplete.class)).hasSize(1);
        session.sendText("What is my name?").get(5, TimeUnit.SECONDS);
        events.awaitCount(LiveEvent.TurnComplete.class, 2);
        assertThat(Resilience.transcript(events, afterMove)).contains("Alice");
        Awaitility.await().atMost(Duration.ofSeconds(5)).until(() -> info(session).audioSamplesInState() == 3200);
        assertThat(info(session).connectionsOpened()).isEqualTo(2);
        assertThat(session.metrics().goAways()).isEqualTo(1);
        System.out.println("go-away gap: " + reconnected.downtime().toMillis() + " ms");
    }

    private ResilientSession connect(EventRecorder events, boolean transparent, SessionOptions options)
            throws Exception {
        return client.connectResilient(options, Resilience.options(transparent), events).get(10, TimeUnit.SECONDS);
    }

    private void streamAcrossGoAway(boolean transparent) throws Exception {
        EventRecorder events = new EventRecorder();
        ResilientSession session = connect(events, transparent, Resilience.session());
        long sent = Resilience.streamAcross(session, events,
                () -> emulator.admin().goAway(session.sessionId(), Duration.ofSeconds(10)));
        if (transparent) {
            Awaitility.await().atMost(Duration.ofSeconds(5)).until(() -> info(session).audioSamplesInState() == sent);
        } else {
            Awaitility.await().atMost(Duration.ofSeconds(5)).until(() -> info(session).audioSamplesInState() >= sent);
        }
        assertThat(info(session).audioSamplesReceived()).isGreaterThanOrEqualTo(sent);
        assertThat(info(session).connectionsOpened()).isEqualTo(2);
    }

    @Test
    void goAwayWhileStreamingAudioLosesNoSampleAndDuplicatesNoneWhenTransparent() throws Exception {
        streamAcrossGoAway(true);
    }

    @Test
    void goAwayWhileStreamingAudioLosesNoSampleWithoutTransparentResumption() throws Exception {
        streamAcrossGoAway(false);
    }

    @Test
    void goAwayDuringAToolCallLetsTheCallFinishOnItsConnection() throws Exception {
        Setup setup = Setup.builder(Resilience.MODEL).outputAudioTranscription(true)
                .tools(List.of(Tool.ofFunctions(List.of(new FunctionDeclaration("get_weather", "Weather", null)))))
                .build();
        EventRecorder events = new EventRecorder();
        ResilientSession session = connect(events, true, SessionOptions.of(setup));
        session.sendAudio(new byte[640], null).get(5, TimeUnit.SECONDS);
        session.sendText("My name is Alice").get(5, TimeUnit.SECONDS);
        events.awaitCount(LiveEvent.TurnComplete.class, 1);
        session.sendText("What is the weather?").get(5, TimeUnit.SECONDS);
        LiveEvent.ToolCallRequested call = events.await(LiveEvent.ToolCallRequested.class);
        emulator.admin().goAway(session.sessionId(), Duration.ofSeconds(10));
        events.await(LiveEvent.GoAwayReceived.class);
        FunctionCall fc = call.functionCalls().get(0);
        session.sendToolResponse(List.of(new FunctionResponse(fc.id(), fc.name(), Map.of("sky", "blue"))))
                .get(5, TimeUnit.SECONDS);
        LiveEvent.Reconnected reconnected = events.await(LiveEvent.Reconnected.class);
        assertThat(reconnected.replyAborted()).isFalse();
        assertThat(events.of(LiveEvent.TurnComplete.class)).hasSize(2);
        assertThat(Resilience.transcript(events, 0)).contains("blue");
        assertThat(events.of(LiveEvent.ToolCallCancelled.class)).isEmpty();
        // answered once: a second response is refused, not sent
        assertThat(session.sendToolResponse(List.of(new FunctionResponse(fc.id(), fc.name(), Map.of()))))
                .failsWithin(Duration.ofSeconds(1));
        int afterMove = events.size();
        // the conversation from before the tool call survived the move
        session.sendText("What is my name?").get(5, TimeUnit.SECONDS);
        events.awaitCount(LiveEvent.TurnComplete.class, 3);
        assertThat(Resilience.transcript(events, afterMove)).contains("Alice");
        Awaitility.await().atMost(Duration.ofSeconds(5)).until(() -> info(session).audioSamplesInState() == 320);
    }

    /**
     * When the time a goAway left runs out the service closes the connection itself, reported with 1011 ("Deadline
     * expired") or, by newer models, 1008 ("failed to close the connection after receiving a GoAway"): the end
     * the goAway announced, not a policy violation of the session's, so it resumes.
     */
    @ParameterizedTest
    @ValueSource(ints = {1008, 1011})
    void theServiceEndingAConnectionAfterItsGoAwayIsResumedWhateverTheCode(int code) throws Exception {
        Setup setup = Setup.builder(Resilience.MODEL).outputAudioTranscription(true)
                .tools(List.of(Tool.ofFunctions(List.of(new FunctionDeclaration("get_weather", "Weather", null)))))
                .build();
        EventRecorder events = new EventRecorder();
        ResilientSession session = connect(events, true, SessionOptions.of(setup));
        session.sendText("My name is Alice").get(5, TimeUnit.SECONDS);
        events.awaitCount(LiveEvent.TurnComplete.class, 1);
        session.sendText("What is the weather?").get(5, TimeUnit.SECONDS);
        events.await(LiveEvent.ToolCallRequested.class); // unanswered: no safe point, the session keeps draining
        emulator.admin().goAway(session.sessionId(), Duration.ofSeconds(30));
        events.await(LiveEvent.GoAwayReceived.class);
        emulator.admin().close(session.sessionId(), code, "connection aborted after goAway");

        LiveEvent.Reconnected r = events.await(LiveEvent.Reconnected.class);
        assertThat(r.cause()).isEqualTo("goAway");
        assertThat(r.resumed()).isTrue();
        assertThat(events.of(LiveEvent.Closed.class)).isEmpty();
        int after = events.size();
        session.sendText("What is my name?").get(5, TimeUnit.SECONDS);
        events.awaitCount(LiveEvent.TurnComplete.class, 2);
        assertThat(Resilience.transcript(events, after)).contains("Alice");
    }

    @Test
    void audioKeepsStreamingOnTheOldConnectionWhileTheReplyInProgressFinishes() throws Exception {
        EventRecorder events = new EventRecorder();
        ResilientSession session = connect(events, true, Resilience.session());
        session.sendText("Tell me a long story").get(5, TimeUnit.SECONDS); // a 2 s reply at this pace
        events.await(LiveEvent.Audio.class);
        emulator.admin().goAway(session.sessionId(), Duration.ofSeconds(10));
        events.await(LiveEvent.GoAwayReceived.class);

        session.sendAudio(new byte[640], null).get(1, TimeUnit.SECONDS); // written, not held until the move
        Awaitility.await().atMost(Duration.ofSeconds(1)).until(() -> info(session).audioSamplesReceived() == 320);
        assertThat(events.of(LiveEvent.Reconnected.class)).as("still draining on the first connection").isEmpty();
        assertThat(info(session).connectionsOpened()).isEqualTo(1);

        LiveEvent.Reconnected r = events.await(LiveEvent.Reconnected.class);
        assertThat(r.replyAborted()).isFalse();
        Awaitility.await().atMost(Duration.ofSeconds(5)).until(() -> info(session).audioSamplesInState() == 320);
    }

    @Test
    void twentyConsecutiveGoAwaysInOneSession() throws Exception {
        EventRecorder events = new EventRecorder();
        ResilientSession session = connect(events, true, Resilience.session());
        session.sendText("My name is Alice").get(5, TimeUnit.SECONDS);
        events.awaitCount(LiveEvent.TurnComplete.class, 1);
        byte[] frame = new byte[640];
        long maxGap = 0;
        for (int i = 1; i <= 20; i++) {
            session.sendAudio(frame, null).get(5, TimeUnit.SECONDS);
            emulator.admin().goAway(session.sessionId(), Duration.ofSeconds(5));
            session.sendAudio(frame, null);
            events.awaitCount(LiveEvent.Reconnected.class, i);
            maxGap = Math.max(maxGap, events.of(LiveEvent.Reconnected.class).get(i - 1).downtime().toMillis());
        }
        int after = events.size();
        session.sendText("What is my name?").get(5, TimeUnit.SECONDS);
        events.awaitCount(LiveEvent.TurnComplete.class, 2);
        assertThat(Resilience.transcript(events, after)).contains("Alice");
        Awaitility.await().atMost(Duration.ofSeconds(5)).until(() -> info(session).audioSamplesInState() == 40 * 320);
        assertThat(info(session).connectionsOpened()).isEqualTo(21);
        assertThat(session.metrics().reconnects()).isEqualTo(20);
        System.out.println("20 go-aways, longest gap " + maxGap + " ms");
    }

    @Test
    void aReplyCutOffByADropIsMarkedAbortedAndAnsweredAgainInFull() throws Exception {
        EventRecorder events = new EventRecorder();
        ResilientSession session = connect(events, true, Resilience.session());
        session.sendText("Tell me a long story").get(5, TimeUnit.SECONDS);
        events.await(LiveEvent.Audio.class);
        emulator.admin().drop(session.sessionId());
        LiveEvent.Reconnected r = events.await(LiveEvent.Reconnected.class);
        assertThat(r.replyAborted()).isTrue();
        events.awaitCount(LiveEvent.TurnComplete.class, 1);
        // the replayed request is answered in full after the Reconnected event, exactly once
        assertThat(Resilience.transcript(events, events.events().indexOf(r)))
                .isEqualTo("You said: Tell me a long story");
        assertThat(events.of(LiveEvent.TurnComplete.class)).hasSize(1);
    }

    @Test
    void aGoAwayDeadlineCutsALongReplyShortAndSaysSo() throws Exception {
        EventRecorder events = new EventRecorder();
        ResilientSession session = connect(events, true, Resilience.session());
        session.sendText("Tell me a long story").get(5, TimeUnit.SECONDS);
        events.await(LiveEvent.Audio.class);
        // 500 ms left, 200 ms margin: the reply (2 s at this pace) cannot finish; move after 300 ms anyway
        emulator.admin().goAway(session.sessionId(), Duration.ofMillis(500));
        LiveEvent.Reconnected r = events.await(LiveEvent.Reconnected.class);
        assertThat(r.cause()).isEqualTo("goAway");
        assertThat(r.replyAborted()).isTrue();
        assertThat(r.resumed()).isTrue();
        events.awaitCount(LiveEvent.TurnComplete.class, 1);
        assertThat(Resilience.transcript(events, events.events().indexOf(r)))
                .isEqualTo("You said: Tell me a long story");
    }

    @Test
    void withoutTransparentResumptionAnsweredTurnsAreNotReplayed() throws Exception {
        EventRecorder events = new EventRecorder();
        ResilientSession session = connect(events, false, Resilience.session());
        session.sendText("My name is Alice").get(5, TimeUnit.SECONDS);
        events.awaitCount(LiveEvent.TurnComplete.class, 1);
        Awaitility.await().atMost(Duration.ofSeconds(5)).until(() -> events.of(LiveEvent.ResumptionUpdate.class)
                .stream().filter(LiveEvent.ResumptionUpdate::resumable).count() >= 2);
        emulator.admin().goAway(session.sessionId(), Duration.ofSeconds(5));
        LiveEvent.Reconnected r = events.await(LiveEvent.Reconnected.class);
        // the handle the answer brought covers the question: asking it again would make the model answer twice
        assertThat(r.replayedMessages()).isZero();
        int after = events.size();
        session.sendText("What is my name?").get(5, TimeUnit.SECONDS);
        events.awaitCount(LiveEvent.TurnComplete.class, 2);
        assertThat(Resilience.transcript(events, after)).endsWith("Your name is Alice.");
        assertThat(emulator.admin().session(session.sessionId()).orElseThrow().historySize()).isEqualTo(4);
    }
}
