package io.github.camelgeminilive.session;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;

import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import io.github.camelgeminilive.emulator.GeminiLiveEmulator;
import io.github.camelgeminilive.protocol.FunctionCall;
import io.github.camelgeminilive.protocol.FunctionDeclaration;
import io.github.camelgeminilive.protocol.FunctionResponse;
import io.github.camelgeminilive.protocol.Setup;
import io.github.camelgeminilive.protocol.Tool;
import io.github.camelgeminilive.session.ResumptionHandleStore.StoredHandle;
import io.github.camelgeminilive.testing.EmulatorClientTest;
import io.github.camelgeminilive.testing.EventRecorder;
import io.github.camelgeminilive.testing.Resilience;
import io.github.camelgeminilive.transport.ConnectionOptions;

/** Stored handles across application restarts, fresh seeded sessions, and tool calls across a drop. */
class ResilientHandlesAndToolsTest extends EmulatorClientTest {

    private static ResilienceOptions stored(ResumptionHandleStore store, boolean seed) {
        return Resilience.options(true).withHandles(store, "call-42", seed);
    }

    @Test
    void aRestartedApplicationResumesFromTheStoredHandle() throws Exception {
        ResumptionHandleStore store = new InMemoryResumptionHandleStore();
        EventRecorder first = new EventRecorder();
        ResilientSession before = client.connectResilient(Resilience.session(), stored(store, false), first)
                .get(10, TimeUnit.SECONDS);
        before.sendText("My name is Alice").get(5, TimeUnit.SECONDS);
        first.awaitCount(LiveEvent.TurnComplete.class, 1);
        Awaitility.await().atMost(Duration.ofSeconds(5))
                .until(() -> store.load("call-42").map(StoredHandle::handle).equals(before.resumptionHandle()));
        before.close();
        client.close(); // the application stops; the store keeps the handle

        EventRecorder second = new EventRecorder();
        try (LiveClient restarted = LiveClient.create(
                ConnectionOptions.geminiApi(emulator.baseUrl(), () -> "key"))) {
            ResilientSession after = restarted.connectResilient(Resilience.session(), stored(store, false), second)
                    .get(10, TimeUnit.SECONDS);
            assertThat(after.sessionId()).isEqualTo(before.sessionId());
            after.sendText("What is my name?").get(5, TimeUnit.SECONDS);
            second.awaitCount(LiveEvent.TurnComplete.class, 1);
            assertThat(Resilience.transcript(second, 0)).contains("Alice");
        }
    }

    @Test
    void anUnknownStoredHandleStartsAFreshSession() throws Exception {
        ResumptionHandleStore store = new InMemoryResumptionHandleStore();
        store.save("call-42", new StoredHandle("no-such-handle", Instant.now()));
        EventRecorder events = new EventRecorder();
        ResilientSession session = client.connectResilient(Resilience.session(), stored(store, false), events)
                .get(10, TimeUnit.SECONDS);
        session.sendText("hello").get(5, TimeUnit.SECONDS);
        events.awaitCount(LiveEvent.TurnComplete.class, 1);
        assertThat(Resilience.transcript(events, 0)).isEqualTo("You said: hello");
        assertThat(session.metrics().failedAttempts()).isEqualTo(1);
    }

    @Test
    void aLostHandleSeedsAFreshSessionWithTheConversationSoFar() throws Exception {
        EventRecorder events = new EventRecorder();
        ResilientSession session = client.connectResilient(Resilience.session(),
                stored(new InMemoryResumptionHandleStore(), true), events).get(10, TimeUnit.SECONDS);
        session.sendText("My name is Alice").get(5, TimeUnit.SECONDS);
        events.awaitCount(LiveEvent.TurnComplete.class, 1);
        session.sendAudio(new byte[3200], null).get(5, TimeUnit.SECONDS);
        // a new service on the same port knows no handle: the resume is refused
        int port = emulator.port();
        emulator.close();
        // sent during the outage: held (or written to the dead connection, then replayed), never lost
        CompletableFuture<Void> duringOutage = session.sendAudio(new byte[3200], null);
        emulator = GeminiLiveEmulator.builder().port(port).pace(0).build().start();
        // (the old service may take a resume while it shuts down: wait for the fresh start)
        LiveEvent.Reconnected r = Awaitility.await().atMost(Duration.ofSeconds(10)).until(
                () -> events.of(LiveEvent.Reconnected.class).stream().filter(e -> !e.resumed()).findFirst(),
                java.util.Optional::isPresent).orElseThrow();
        assertThat(r.audioLost()).isZero(); // the only audio was after the last handle: replayed, or held
        duringOutage.get(5, TimeUnit.SECONDS);
        int after = events.size();
        session.sendText("What is my name?").get(5, TimeUnit.SECONDS);
        events.awaitCount(LiveEvent.TurnComplete.class, 2);
        assertThat(Resilience.transcript(events, after)).contains("Alice");
    }

    @Test
    void aSeedOverTheOutgoingBoundIsCountedAndTheFreshSessionGoesOnWithoutIt() throws Exception {
        client.close();
        client = LiveClient.create(ConnectionOptions.geminiApi(emulator.baseUrl(), () -> "key").withLimits(0, 2000));
        ListAppender<ILoggingEvent> log = new ListAppender<>();
        Logger outbox = (Logger) LoggerFactory.getLogger("io.github.camelgeminilive.session.resilience.Outbox");
        log.start();
        outbox.addAppender(log);
        EventRecorder events = new EventRecorder();
        try {
            ResilientSession session = client.connectResilient(Resilience.session(),
                    stored(new InMemoryResumptionHandleStore(), true), events).get(10, TimeUnit.SECONDS);
            // each turn fits the bound; the seed of both turns and their answers does not
            String name = "My name is Alice " + "a".repeat(600);
            for (int turn = 1; turn <= 2; turn++) {
                session.sendText(name).get(5, TimeUnit.SECONDS);
                events.awaitCount(LiveEvent.TurnComplete.class, turn);
            }
            int port = emulator.port();
            emulator.close();
            emulator = GeminiLiveEmulator.builder().port(port).pace(0).build().start();
            Awaitility.await().atMost(Duration.ofSeconds(10)).until(
                    () -> events.of(LiveEvent.Reconnected.class).stream().anyMatch(e -> !e.resumed()));
            assertThat(session.metrics().refusedSends()).isEqualTo(1);
            assertThat(log.list).anyMatch(e -> e.getLevel() == Level.WARN
                    && e.getFormattedMessage().contains("starts without the conversation so far"));
            int after = events.size();
            session.sendText("What is my name?").get(5, TimeUnit.SECONDS);
            events.awaitCount(LiveEvent.TurnComplete.class, 3);
            assertThat(Resilience.transcript(events, after)).contains("I don't know your name yet")
                    .doesNotContain("Alice");
        } finally {
            outbox.detachAppender(log);
        }
    }

    @Test
    void aLostHandleWithoutSeedingEndsTheSessionWithTheRefusal() throws Exception {
        EventRecorder events = new EventRecorder();
        ResilientSession session = client.connectResilient(Resilience.session(),
                stored(new InMemoryResumptionHandleStore(), false), events).get(10, TimeUnit.SECONDS);
        session.sendText("My name is Alice").get(5, TimeUnit.SECONDS);
        events.awaitCount(LiveEvent.TurnComplete.class, 1);
        int port = emulator.port();
        emulator.close();
        emulator = GeminiLiveEmulator.builder().port(port).pace(0).build().start();
        LiveEvent.Closed closed = events.awaitClosed();
        assertThat(closed.error()).isInstanceOf(LiveSessionException.InvalidArgumentException.class);
        assertThat(closed.error().reason()).contains("resumption handle");
        assertThat(session.isOpen()).isFalse();
    }

    @Test
    void aToolCallOfADroppedConnectionIsCancelledAndItsLateResponseRefused() throws Exception {
        Setup setup = Setup.builder(Resilience.MODEL).outputAudioTranscription(true)
                .tools(List.of(Tool.ofFunctions(List.of(new FunctionDeclaration("get_weather", "Weather", null)))))
                .build();
        EventRecorder events = new EventRecorder();
        ResilientSession session = client.connectResilient(SessionOptions.of(setup), Resilience.options(true),
                events).get(10, TimeUnit.SECONDS);
        session.sendText("What is the weather?").get(5, TimeUnit.SECONDS);
        FunctionCall first = events.await(LiveEvent.ToolCallRequested.class).functionCalls().get(0);
        emulator.admin().drop(session.sessionId());
        LiveEvent.ToolCallCancelled cancelled = events.await(LiveEvent.ToolCallCancelled.class);
        assertThat(cancelled.ids()).containsExactly(first.id());
        LiveEvent.Reconnected r = events.await(LiveEvent.Reconnected.class);
        assertThat(events.events().indexOf(cancelled)).isLessThan(events.events().indexOf(r));
        assertThat(session.sendToolResponse(List.of(new FunctionResponse(first.id(), first.name(), Map.of()))))
                .failsWithin(Duration.ofSeconds(1)).withThrowableOfType(ExecutionException.class)
                .withMessageContaining(first.id());
        // the replayed question asks again, with a new call the new connection owns
        LiveEvent.ToolCallRequested again = events.await(LiveEvent.ToolCallRequested.class,
                events.events().indexOf(r));
        FunctionCall second = again.functionCalls().get(0);
        assertThat(second.id()).isNotEqualTo(first.id());
        session.sendToolResponse(List.of(new FunctionResponse(second.id(), second.name(), Map.of("sky", "grey"))))
                .get(5, TimeUnit.SECONDS);
        events.awaitCount(LiveEvent.TurnComplete.class, 1);
        assertThat(Resilience.transcript(events, 0)).contains("grey");
        assertThat(events.of(LiveEvent.Closed.class)).isEmpty();
    }
}
