package io.github.camelgeminilive.session;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;

import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import io.github.camelgeminilive.session.resilience.Outage;
import io.github.camelgeminilive.testing.EventRecorder;
import io.github.camelgeminilive.testing.Resilience;
import io.github.camelgeminilive.testing.ScriptedServer;
import io.github.camelgeminilive.transport.ConnectionOptions;
import io.undertow.websockets.core.WebSockets;

/**
 * A service that accepts every setup and closes the connection right after (or says go-away at once): each such
 * connection is a failed attempt of one outage, so attempts back off and the session gives up per the policy
 * instead of looping. A connection that stayed up ends the outage.
 */
class ResilientStormTest {

    private static final String KEY = "storm-key-77d2";
    private static final Duration INITIAL = Duration.ofMillis(50);
    private static final double JITTER = 0.2;

    private final List<Long> setupsAt = new CopyOnWriteArrayList<>();
    private ScriptedServer server;
    private LiveClient client;

    @AfterEach
    void stop() {
        if (client != null) {
            client.close();
        }
        if (server != null) {
            server.close();
        }
    }

    /** Every setup is answered with setupComplete, then the connection is closed with {@code code}. */
    private ResilientSession connect(int code, ReconnectPolicy policy, EventRecorder events) throws Exception {
        server = new ScriptedServer(null, (ch, text) -> {
            if (text.contains("\"setup\"")) {
                setupsAt.add(System.nanoTime());
                ScriptedServer.sendBinary(ch, ScriptedServer.SETUP_COMPLETE);
                WebSockets.sendClose(code, code == 1000 ? "" : "backend hiccup", ch, null);
            }
        });
        client = LiveClient.create(ConnectionOptions.geminiApi(server.baseUrl("127.0.0.1"), () -> KEY));
        return client.connectResilient(Resilience.session(), Resilience.options(false).withReconnect(policy), events)
                .get(10, TimeUnit.SECONDS);
    }

    @ParameterizedTest
    @ValueSource(ints = {1011, 1000})
    void connectionsClosedRightAfterSetupAreBackedOffAndGivenUpAfterMaxAttempts(int code) throws Exception {
        int maxAttempts = 5;
        EventRecorder events = new EventRecorder();
        connect(code, new ReconnectPolicy(INITIAL, Duration.ofSeconds(10), 2.0, JITTER, maxAttempts, null), events);

        LiveEvent.Closed closed = events.awaitClosed();
        assertThat(closed.error()).isNotNull();
        assertThat(closed.error().closeCode()).isEqualTo(code);
        assertThat(closed.code()).isEqualTo(code);
        // the first connection, then maxAttempts more, none after the give-up
        assertThat(setupsAt).hasSize(1 + maxAttempts);
        assertThat(events.of(LiveEvent.Reconnected.class)).hasSize(maxAttempts)
                .allSatisfy(r -> assertThat(r.attempts()).isEqualTo(1));
        // the first loss starts the outage and is retried at once; attempt k of it (k >= 2) waits the backoff's
        // delay (50 ms doubling, +/-20%) after the loss, which followed setup k-1
        for (int k = 2; k <= maxAttempts; k++) {
            long gap = setupsAt.get(k) - setupsAt.get(k - 1);
            long least = (long) (INITIAL.toNanos() * Math.pow(2, k - 2) * (1 - JITTER));
            assertThat(gap).as("gap before attempt %d (ms)", k).isGreaterThanOrEqualTo(least);
        }
    }

    @Test
    void goAwaysRightAfterEverySetupAreBackedOffAndGivenUpAfterMaxAttempts() throws Exception {
        server = new ScriptedServer(null, (ch, text) -> {
            if (text.contains("\"setup\"")) {
                setupsAt.add(System.nanoTime());
                ScriptedServer.sendBinary(ch, ScriptedServer.SETUP_COMPLETE);
                ScriptedServer.sendBinary(ch, "{\"goAway\":{\"timeLeft\":\"0s\"}}");
            }
        });
        client = LiveClient.create(ConnectionOptions.geminiApi(server.baseUrl("127.0.0.1"), () -> KEY));
        int maxAttempts = 5;
        EventRecorder events = new EventRecorder();
        client.connectResilient(Resilience.session(), Resilience.options(false).withReconnect(
                new ReconnectPolicy(INITIAL, Duration.ofSeconds(10), 2.0, JITTER, maxAttempts, null)), events)
                .get(10, TimeUnit.SECONDS);

        LiveEvent.Closed closed = events.awaitClosed();
        assertThat(closed.error()).isNotNull().hasMessageContaining("kept ending within");
        assertThat(setupsAt).hasSize(1 + maxAttempts);
        for (int k = 2; k <= maxAttempts; k++) {
            long gap = setupsAt.get(k) - setupsAt.get(k - 1);
            long least = (long) (INITIAL.toNanos() * Math.pow(2, k - 2) * (1 - JITTER));
            assertThat(gap).as("gap before attempt %d (ms)", k).isGreaterThanOrEqualTo(least);
        }
    }

    @Test
    void aConnectionThatStayedUpEndsTheOutageSoItsLossIsRetriedAtOnce() throws Exception {
        // the first connection is closed after its setup; the second stays until the client asks for a close
        server = new ScriptedServer(null, (ch, text) -> {
            if (text.contains("\"setup\"")) {
                setupsAt.add(System.nanoTime());
                ScriptedServer.sendBinary(ch, ScriptedServer.SETUP_COMPLETE);
                if (setupsAt.size() == 1) {
                    WebSockets.sendClose(1011, "backend hiccup", ch, null);
                }
            } else if (text.contains("close now")) {
                WebSockets.sendClose(1011, "backend hiccup", ch, null);
            }
        });
        client = LiveClient.create(ConnectionOptions.geminiApi(server.baseUrl("127.0.0.1"), () -> KEY));
        // a retry that waited the backoff would wait at least 8 s
        ReconnectPolicy slow = new ReconnectPolicy(Duration.ofSeconds(10), Duration.ofSeconds(10), 2.0, JITTER, 0,
                null);
        EventRecorder events = new EventRecorder();
        ResilientSession session = client.connectResilient(Resilience.session(),
                Resilience.options(false).withReconnect(slow), events).get(10, TimeUnit.SECONDS);
        events.awaitCount(LiveEvent.Reconnected.class, 1);
        Awaitility.await().pollDelay(Outage.STABLE_CONNECTION.plusMillis(500))
                .atMost(Outage.STABLE_CONNECTION.plusSeconds(5)).until(() -> true); // the second one proves itself
        session.sendText("close now").get(5, TimeUnit.SECONDS);
        long asked = System.nanoTime();
        events.awaitCount(LiveEvent.Reconnected.class, 2);
        assertThat(setupsAt).hasSize(3);
        assertThat(Duration.ofNanos(setupsAt.get(2) - asked)).isLessThan(Duration.ofSeconds(8));
        assertThat(events.of(LiveEvent.Reconnected.class).get(1).attempts()).isEqualTo(1);
        assertThat(events.of(LiveEvent.Closed.class)).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(ints = {1011, 1000})
    void connectionsClosedRightAfterSetupAreGivenUpOnceTheOutageLastedMaxElapsed(int code) throws Exception {
        Duration maxElapsed = Duration.ofSeconds(1);
        EventRecorder events = new EventRecorder();
        connect(code, new ReconnectPolicy(INITIAL, Duration.ofMillis(200), 2.0, JITTER, 0, maxElapsed), events);

        LiveEvent.Closed closed = events.awaitClosed();
        long closedAt = System.nanoTime();
        assertThat(closed.error()).isNotNull();
        assertThat(closed.error().closeCode()).isEqualTo(code);
        // the outage began at the first loss, after the first setup; it was not given up before maxElapsed
        assertThat(closedAt - setupsAt.get(0)).isGreaterThanOrEqualTo(maxElapsed.toNanos());
        // backed off: at most one attempt per (1 - jitter) x 50 ms at first, then per 160 ms (without the
        // backoff a loop makes hundreds of attempts a second and never gives up)
        assertThat(setupsAt).hasSizeBetween(4, 15);
    }
}
