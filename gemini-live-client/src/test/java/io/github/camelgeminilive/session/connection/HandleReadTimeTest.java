package io.github.camelgeminilive.session.connection;

import static io.github.camelgeminilive.testing.WireFrames.bytes;
import static io.github.camelgeminilive.testing.WireFrames.hold;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;

import io.github.camelgeminilive.protocol.Setup;
import io.github.camelgeminilive.session.LiveEvent;
import io.github.camelgeminilive.session.LiveSessionListener;
import io.github.camelgeminilive.session.SessionOptions;
import io.github.camelgeminilive.session.delivery.SessionCounters;

/**
 * A handle's read time is taken when its frame arrives, not when it gets its turn: a resilient session judges by
 * it which messages the handle covers, and a later time would count as covered messages the service had not read.
 */
class HandleReadTimeTest {

    @Test
    void aHandleWaitingForItsTurnIsTimedWhenItsFrameArrived() throws Exception {
        ExecutorService pool = Executors.newCachedThreadPool();
        CountDownLatch inSetup = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        LiveSessionListener engine = event -> {
            if (event instanceof LiveEvent.SetupCompleted) {
                inSetup.countDown();
                hold(release); // holds the session's turn: the handle's frame waits
            }
        };
        AtomicLong readAt = new AtomicLong();
        PlainLiveSession session = new PlainLiveSession(
                SessionOptions.of(Setup.builder("models/gemini-2.5-flash-native-audio-latest").build()), engine,
                pool, () -> {}, (handle, readNanos) -> readAt.set(readNanos), new SessionCounters());
        try {
            pool.execute(() -> session.onBinary(bytes("{\"setupComplete\":{}}")));
            assertThat(inSetup.await(10, TimeUnit.SECONDS)).isTrue();
            long before = System.nanoTime();
            session.onBinary(bytes("{\"sessionResumptionUpdate\":{\"newHandle\":\"h1\",\"resumable\":true}}"));
            long arrived = System.nanoTime();
            release.countDown();

            Awaitility.await().atMost(Duration.ofSeconds(10)).until(() -> readAt.get() != 0);
            assertThat(readAt.get()).as("read time, between the frame's arrival and its hand-over")
                    .isBetween(before, arrived);
        } finally {
            release.countDown();
            pool.shutdownNow();
        }
    }
}
