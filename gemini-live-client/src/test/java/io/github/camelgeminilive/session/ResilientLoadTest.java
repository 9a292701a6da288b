package io.github.camelgeminilive.session;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.github.camelgeminilive.emulator.GeminiLiveEmulator;
import io.github.camelgeminilive.testing.EventRecorder;
import io.github.camelgeminilive.testing.Resilience;
import io.github.camelgeminilive.transport.ConnectionOptions;

/** A slow listener, and many sessions reconnecting at once, without leaks. */
class ResilientLoadTest {

    private GeminiLiveEmulator emulator;

    @BeforeEach
    void start() {
        emulator = GeminiLiveEmulator.builder().port(0).pace(0).build().start();
    }

    @AfterEach
    void stop() {
        emulator.close();
    }

    @Test
    void aBlockedListenerStallsNeitherTheReaderNorTheSendsAndItsQueueStaysBounded() throws Exception {
        blockedListener(true);
    }

    @Test
    void aPlainSessionBoundsItsEventQueueToo() throws Exception {
        blockedListener(false);
    }

    private void blockedListener(boolean resilient) throws Exception {
        CountDownLatch release = new CountDownLatch(1);
        CountDownLatch blocked = new CountDownLatch(1);
        EventRecorder events = new EventRecorder();
        LiveSessionListener slow = event -> {
            if (event instanceof LiveEvent.Audio && blocked.getCount() > 0) {
                blocked.countDown();
                try {
                    release.await(20, TimeUnit.SECONDS);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
            events.onEvent(event);
        };
        try (LiveClient client = LiveClient.create(ConnectionOptions.geminiApi(emulator.baseUrl(), () -> "key"))) {
            SessionOptions options = Resilience.session().withMaxQueuedEvents(50);
            LiveSession session = resilient
                    ? client.connectResilient(options, Resilience.options(true), slow).get(10, TimeUnit.SECONDS)
                    : client.connect(options, null, slow).get(10, TimeUnit.SECONDS);
            session.sendText("Tell me a long story").get(5, TimeUnit.SECONDS);
            assertThat(blocked.await(10, TimeUnit.SECONDS)).isTrue();
            // the reader keeps taking the reply in while the listener sleeps: the whole reply arrives
            Awaitility.await().atMost(Duration.ofSeconds(10)).until(() -> emulator.admin()
                    .session(session.sessionId()).orElseThrow().historySize() == 2);
            // every drop is counted, plain sessions too (before, a resilient session's connection could drop events
            // in its own queue, uncounted, whenever a pool thread was slow to wake during the burst)
            Awaitility.await().atMost(Duration.ofSeconds(5)).until(() -> session.metrics().droppedEvents() > 100);
            session.sendAudio(new byte[640], null).get(5, TimeUnit.SECONDS);
            release.countDown();
            events.awaitCount(LiveEvent.TurnComplete.class, 1);
            // the queue held at most 50 events while blocked: most of the ~260 audio chunks of the reply were
            // dropped, oldest first (a few may still have been on their way in when the listener was released)
            assertThat(events.of(LiveEvent.Audio.class).size()).isLessThan(130);
            assertThat(events.of(LiveEvent.GenerationComplete.class)).hasSize(1);
        }
    }

    @Test
    void fiftySessionsComeBackAfterARestartAndNothingLeaks() throws Exception {
        long baseThreads = clientThreads();
        long baseSockets = sockets();
        LiveClient client = LiveClient.create(ConnectionOptions.geminiApi(emulator.baseUrl(), () -> "key"));
        List<ResilientSession> sessions = new ArrayList<>();
        List<EventRecorder> recorders = new ArrayList<>();
        List<CompletableFuture<ResilientSession>> connecting = new ArrayList<>();
        for (int i = 0; i < 50; i++) {
            EventRecorder r = new EventRecorder();
            recorders.add(r);
            connecting.add(client.connectResilient(Resilience.session(), Resilience.options(true), r));
        }
        for (CompletableFuture<ResilientSession> f : connecting) {
            sessions.add(f.get(20, TimeUnit.SECONDS));
        }
        emulator.stop();
        emulator.start();
        for (EventRecorder r : recorders) {
            r.await(LiveEvent.Reconnected.class);
        }
        for (int i = 0; i < 50; i++) {
            sessions.get(i).sendText("session " + i).get(5, TimeUnit.SECONDS);
        }
        for (int i = 0; i < 50; i++) {
            EventRecorder r = recorders.get(i);
            r.awaitCount(LiveEvent.TurnComplete.class, 1);
            assertThat(Resilience.transcript(r, 0)).isEqualTo("You said: session " + i);
        }
        // at most one shared timer thread (started on first use) for all sessions' pings, backoff and deadlines
        assertThat(threads("gemini-live-timer")).isLessThanOrEqualTo(1);
        for (ResilientSession s : sessions) {
            s.closeAsync().get(5, TimeUnit.SECONDS);
        }
        client.close();
        Awaitility.await().atMost(Duration.ofSeconds(15)).untilAsserted(() -> {
            assertThat(clientThreads()).isLessThanOrEqualTo(baseThreads);
            assertThat(sockets()).isLessThanOrEqualTo(baseSockets);
        });
    }

    /**
     * Threads of the client (its pool, timer and I/O threads); the emulator in this JVM keeps its own grown pools,
     * and the JDK's CompletableFuture delayer is a shared daemon.
     */
    private static long clientThreads() {
        return threads("gemini-live-client") + threads("gemini-live-timer") + threads("gemini-live-io");
    }

    private static long threads(String prefix) {
        return Thread.getAllStackTraces().keySet().stream().filter(t -> t.getName().startsWith(prefix)).count();
    }

    private static long sockets() throws IOException {
        try (Stream<Path> fds = Files.list(Path.of("/proc/self/fd"))) {
            return fds.filter(fd -> {
                try {
                    return Files.readSymbolicLink(fd).toString().startsWith("socket:");
                } catch (IOException e) {
                    return false; // closed while listing
                }
            }).count();
        }
    }
}
