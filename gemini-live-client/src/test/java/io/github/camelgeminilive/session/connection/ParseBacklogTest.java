package io.github.camelgeminilive.session.connection;

import static io.github.camelgeminilive.testing.WireFrames.bytes;
import static io.github.camelgeminilive.testing.WireFrames.hold;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;

import io.github.camelgeminilive.protocol.Setup;
import io.github.camelgeminilive.session.LiveEvent;
import io.github.camelgeminilive.session.LiveSessionListener;
import io.github.camelgeminilive.session.SessionOptions;
import io.github.camelgeminilive.testing.EventRecorder;

/** The bound of received frames waiting to be parsed, which holds without a server. */
class ParseBacklogTest {

    @Test
    void receivedFramesWaitingToBeParsedAreBoundedAndTheSessionEndsWithAClearError() throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(2);
        CountDownLatch inListener = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        EventRecorder events = new EventRecorder();
        LiveSessionListener stuck = event -> {
            events.onEvent(event);
            if (event instanceof LiveEvent.SetupCompleted) {
                inListener.countDown();
                hold(release);
            }
        };
        // events delivered inline: the stuck listener holds the parsing, so that the frames after it wait
        SessionOptions options = new SessionOptions(Setup.builder("models/gemini-2.5-flash-native-audio-latest")
                .build(), null, Runnable::run, null, 10, 0);
        PlainLiveSession session = new PlainLiveSession(options, stuck, pool);
        try {
            pool.execute(() -> session.onBinary(bytes("{\"setupComplete\":{}}")));
            assertThat(inListener.await(10, TimeUnit.SECONDS)).isTrue();
            int frames = SessionOptions.DEFAULT_MAX_QUEUED_EVENTS + 25;
            for (int i = 0; i < frames; i++) {
                session.onBinary(bytes("{\"serverContent\":{\"turnComplete\":true}}"));
            }
            release.countDown();

            LiveEvent.Closed closed = events.awaitClosed();
            assertThat(closed.code()).isEqualTo(1011);
            // at least the default bound, whatever the listener's queue bound (10 here)
            assertThat(closed.error()).hasMessageContaining("fell behind parsing: "
                    + (SessionOptions.DEFAULT_MAX_QUEUED_EVENTS + 1) + " received messages")
                    .hasMessageContaining("(" + SessionOptions.DEFAULT_MAX_QUEUED_EVENTS + " messages / ");
            assertThat(events.of(LiveEvent.TurnComplete.class)).isEmpty();
            assertThat(session.metrics().droppedEvents()).isEqualTo(frames);
        } finally {
            release.countDown();
            pool.shutdownNow();
        }
    }
}
