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

import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;

import io.github.camelgeminilive.protocol.Setup;
import io.github.camelgeminilive.session.LiveEvent;
import io.github.camelgeminilive.session.LiveSessionListener;
import io.github.camelgeminilive.session.SessionOptions;
import io.github.camelgeminilive.session.delivery.SessionCounters;

/**
 * A pong is heard after the messages that came before it on the wire, even while their delivery is still under
 * way: a resilient session without transparent resumption decides which messages a handle covers by it.
 */
class PongOrderTest {

    @Test
    void aPongDoesNotOvertakeAHandleStillBeingDelivered() throws Exception {
        ExecutorService pool = Executors.newCachedThreadPool();
        List<String> heard = new CopyOnWriteArrayList<>();
        CountDownLatch release = new CountDownLatch(1);
        LiveSessionListener slow = event -> {
            if (event instanceof LiveEvent.ResumptionUpdate) {
                heard.add("handle");
                hold(release);
            }
        };
        PlainLiveSession session = new PlainLiveSession(
                SessionOptions.of(Setup.builder("models/gemini-2.5-flash-native-audio-latest").build()), slow, pool,
                () -> heard.add("pong"), handle -> { }, new SessionCounters());
        try {
            // what the I/O thread does: the frames, then the pong, in wire order
            session.onBinary(bytes("{\"setupComplete\":{}}"));
            session.onBinary(bytes("{\"sessionResumptionUpdate\":{\"newHandle\":\"h1\",\"resumable\":true}}"));
            session.onPong();

            Awaitility.await().atMost(Duration.ofSeconds(5)).until(() -> heard.contains("handle"));
            assertThat(heard).as("the pong waits for the handle's delivery").containsExactly("handle");
            release.countDown();
            Awaitility.await().atMost(Duration.ofSeconds(5)).until(() -> heard.size() == 2);
            assertThat(heard).containsExactly("handle", "pong");
        } finally {
            release.countDown();
            pool.shutdownNow();
        }
    }
}
