package io.github.camelgeminilive.session;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.github.camelgeminilive.emulator.GeminiLiveEmulator;
import io.github.camelgeminilive.emulator.SessionInfo;
import io.github.camelgeminilive.protocol.GenerationConfig;
import io.github.camelgeminilive.protocol.Setup;
import io.github.camelgeminilive.testing.EventRecorder;
import io.github.camelgeminilive.testing.Resilience;
import io.github.camelgeminilive.transport.ConnectionOptions;

/** Unplanned faults: drops, 1011, a restarted service, and the refusals that must not be retried. */
class ResilientFaultsTest {

    private static final String KEY = "faults-key-5c1e";

    private GeminiLiveEmulator emulator;
    private LiveClient client;
    private final AtomicInteger credentialsAsked = new AtomicInteger();

    @BeforeEach
    void start() {
        emulator = GeminiLiveEmulator.builder().port(0).pace(0).apiKey(KEY).build().start();
        client = LiveClient.create(ConnectionOptions.geminiApi(emulator.baseUrl(), () -> {
            credentialsAsked.incrementAndGet();
            return KEY;
        }));
    }

    @AfterEach
    void stop() {
        client.close();
        emulator.close();
    }

    private SessionInfo info(ResilientSession session) {
        return emulator.admin().session(session.sessionId()).orElseThrow();
    }

    /** Streams audio, breaks the connection with {@code fault}, and checks nothing was lost or doubled. */
    private LiveEvent.Reconnected survive(Fault fault) throws Exception {
        return survive(Resilience.options(true), fault);
    }

    private LiveEvent.Reconnected survive(ResilienceOptions options, Fault fault) throws Exception {
        EventRecorder events = new EventRecorder();
        ResilientSession session = client.connectResilient(Resilience.session(), options, events)
                .get(10, TimeUnit.SECONDS);
        long sent = Resilience.streamAcross(session, events, () -> fault.accept(session));
        Awaitility.await().atMost(Duration.ofSeconds(5)).until(() -> info(session).audioSamplesInState() == sent);
        assertThat(events.of(LiveEvent.Closed.class)).isEmpty();
        // (stopping the emulator is not atomic: a reconnect may slip in before it stops listening, then drop too)
        List<LiveEvent.Reconnected> moves = events.of(LiveEvent.Reconnected.class);
        LiveEvent.Reconnected r = moves.get(moves.size() - 1);
        // every connection attempt asked for the credential again
        assertThat(credentialsAsked.get())
                .isEqualTo(1 + moves.stream().mapToInt(LiveEvent.Reconnected::attempts).sum());
        assertThat(info(session).connectionsOpened()).isEqualTo(1 + moves.size());
        assertThat(r.resumed()).isTrue();
        System.out.println("reconnect after " + r.cause() + ": " + r.downtime().toMillis() + " ms, "
                + r.attempts() + " attempt(s)");
        return r;
    }

    /** Breaks the session's connection. */
    private interface Fault {
        void accept(ResilientSession session) throws Exception;
    }

    @Test
    void anAbruptDropMidStreamIsBridged() throws Exception {
        LiveEvent.Reconnected r = survive(s -> emulator.admin().drop(s.sessionId()));
        assertThat(r.cause()).startsWith("1006");
    }

    @Test
    void aServerErrorCloseIsBridged() throws Exception {
        LiveEvent.Reconnected r = survive(s -> emulator.admin().close(s.sessionId(), 1011, "backend hiccup"));
        assertThat(r.cause()).isEqualTo("1011 backend hiccup");
    }

    @Test
    void aServiceStoppedForFiveSecondsIsWaitedFor() throws Exception {
        ScheduledExecutorService restarter = Executors.newSingleThreadScheduledExecutor();
        try {
            // the producer runs ten times faster than real time: 5 s of outage hold about 2500 frames
            LiveEvent.Reconnected r = survive(Resilience.options(true, 10_000), s -> {
                emulator.stop();
                restarter.schedule(() -> emulator.start(), 5, TimeUnit.SECONDS);
            });
            assertThat(r.attempts()).isGreaterThan(1);
            assertThat(r.downtime()).isGreaterThanOrEqualTo(Duration.ofSeconds(5));
        } finally {
            restarter.shutdownNow();
        }
    }

    @Test
    void aPolicyRefusalFailsFastWithOneAttempt() {
        long before = emulator.admin().connectionAttempts();
        LiveClient wrongKey = LiveClient.create(ConnectionOptions.geminiApi(emulator.baseUrl(), () -> "wrong"));
        try {
            assertThat(wrongKey.connectResilient(Resilience.session(), Resilience.options(true), new EventRecorder()))
                    .failsWithin(Duration.ofSeconds(10)).withThrowableOfType(ExecutionException.class)
                    .havingCause().isInstanceOf(LiveSessionException.PolicyViolationException.class)
                    .satisfies(e -> assertThat(((LiveSessionException) e).closeCode()).isEqualTo(1008));
        } finally {
            wrongKey.close();
        }
        assertThat(emulator.admin().connectionAttempts() - before).isEqualTo(1);
    }

    @Test
    void anInvalidSetupFailsFastWithOneAttempt() {
        long before = emulator.admin().connectionAttempts();
        Setup textOnNativeAudio = Setup.builder(Resilience.MODEL)
                .generationConfig(GenerationConfig.of(java.util.List.of("TEXT"), null))
                .build();
        assertThat(client.connectResilient(SessionOptions.of(textOnNativeAudio), Resilience.options(true),
                new EventRecorder())).failsWithin(Duration.ofSeconds(10))
                .withThrowableOfType(ExecutionException.class)
                .havingCause().isInstanceOf(LiveSessionException.InvalidArgumentException.class)
                .satisfies(e -> assertThat(((LiveSessionException) e).reason()).isNotBlank());
        assertThat(emulator.admin().connectionAttempts() - before).isEqualTo(1);
    }

    @Test
    void aRejectionMidSessionEndsItWithTheReasonAndNoNewAttempt() throws Exception {
        EventRecorder events = new EventRecorder();
        ResilientSession session = client.connectResilient(Resilience.session(), Resilience.options(true), events)
                .get(10, TimeUnit.SECONDS);
        long before = emulator.admin().connectionAttempts();
        emulator.admin().close(session.sessionId(), 1008, "key revoked");
        LiveEvent.Closed closed = events.awaitClosed();
        assertThat(closed.code()).isEqualTo(1008);
        assertThat(closed.error()).isInstanceOf(LiveSessionException.PolicyViolationException.class);
        assertThat(closed.error().reason()).isEqualTo("key revoked");
        assertThat(session.sendText("anyone?")).failsWithin(Duration.ofSeconds(1));
        assertThat(emulator.admin().connectionAttempts()).isEqualTo(before);
        assertThat(events.of(LiveEvent.Reconnected.class)).isEmpty();
    }
}
