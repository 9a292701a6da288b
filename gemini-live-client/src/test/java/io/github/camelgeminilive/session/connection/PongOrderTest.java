package io.github.camelgeminilive.session.connection;

import static io.github.camelgeminilive.testing.WireFrames.bytes;
import static io.github.camelgeminilive.testing.WireFrames.hold;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;

import io.github.camelgeminilive.protocol.Setup;
import io.github.camelgeminilive.session.LiveEvent;
import io.github.camelgeminilive.session.LiveSessionListener;
import io.github.camelgeminilive.session.SessionOptions;
import io.github.camelgeminilive.session.delivery.SessionCounters;

/**
 * A pong is handed on after the messages that came before it on the wire, even while they still wait for the
 * session's turn: a resilient session without transparent resumption decides which messages a handle covers by it.
 */
class PongOrderTest {

    @Test
    void aPongDoesNotOvertakeAHandleStillWaitingForItsTurn() throws Exception {
        ExecutorService pool = Executors.newCachedThreadPool();
        List<String> heard = new CopyOnWriteArrayList<>();
        CountDownLatch inSetup = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        LiveSessionListener engine = event -> {
            if (event instanceof LiveEvent.SetupCompleted) {
                inSetup.countDown();
                hold(release); // holds the session's turn: the frames after it wait
            } else if (event instanceof LiveEvent.ResumptionUpdate) {
                heard.add("handle");
            }
        };
        PlainLiveSession session = new PlainLiveSession(
                SessionOptions.of(Setup.builder("models/gemini-2.5-flash-native-audio-latest").build()), engine,
                pool, () -> heard.add("pong"), (handle, readNanos) -> {}, new SessionCounters());
        try {
            // what the I/O thread does: the frames, then the pong, in wire order
            pool.execute(() -> session.onBinary(bytes("{\"setupComplete\":{}}")));
            assertThat(inSetup.await(10, TimeUnit.SECONDS)).isTrue();
            session.onBinary(bytes("{\"sessionResumptionUpdate\":{\"newHandle\":\"h1\",\"resumable\":true}}"));
            session.onPong();
            assertThat(heard).as("the pong waits behind the handle").isEmpty();

            release.countDown();
            Awaitility.await().atMost(Duration.ofSeconds(10)).until(() -> heard.size() == 2);
            assertThat(heard).containsExactly("handle", "pong");
        } finally {
            release.countDown();
            pool.shutdownNow();
        }
    }
}
