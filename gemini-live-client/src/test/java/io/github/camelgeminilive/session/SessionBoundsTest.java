package io.github.camelgeminilive.session;

import static io.github.camelgeminilive.session.WireFrames.bytes;
import static io.github.camelgeminilive.session.WireFrames.hold;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;

import io.github.camelgeminilive.protocol.FunctionCall;
import io.github.camelgeminilive.protocol.Setup;
import io.github.camelgeminilive.testing.EventRecorder;

/** The bounds of the session path that hold without a server: held sends, pending tool calls, the parse backlog. */
class SessionBoundsTest {

    private static OutboundMessage audio(int bytes) {
        return new OutboundMessage(ClientFrame.audio(new byte[bytes], 0, bytes, null), new CompletableFuture<>());
    }

    @Test
    void heldSendsAreBoundedInBytesTooFailingTheNewSendOrDroppingTheOldest() {
        OutboundMessage first = audio(640);
        long frame = first.frame.utf8().length;
        HeldSends fail = new HeldSends(1000, 2 * frame, OverflowPolicy.FAIL);
        fail.hold(first);
        fail.hold(audio(640));
        OutboundMessage refused = audio(640);
        fail.hold(refused);
        assertThat(refused.done).failsWithin(Duration.ZERO).withThrowableOfType(ExecutionException.class)
                .withMessageContaining("Send refused").withMessageContaining(2 * frame + " bytes");
        assertThat(fail.refused()).isEqualTo(1);
        assertThat(fail.dropped()).isZero();

        HeldSends drop = new HeldSends(1000, 2 * frame, OverflowPolicy.DROP_OLDEST);
        List<OutboundMessage> held = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            held.add(audio(640));
            drop.hold(held.get(i));
        }
        assertThat(held.get(0).done).failsWithin(Duration.ZERO).withThrowableOfType(ExecutionException.class)
                .withMessageContaining("DROP_OLDEST");
        assertThat(drop.dropped()).isEqualTo(1);
        assertThat(drop.poll()).isSameAs(held.get(1));
        OutboundMessage huge = audio(6400); // larger than the whole bound: refused even with DROP_OLDEST
        drop.hold(huge);
        assertThat(huge.done).isCompletedExceptionally();
        assertThat(drop.refused()).isEqualTo(1);
        assertThat(drop.poll()).isSameAs(held.get(2));
    }

    @Test
    void pendingToolCallsAreBoundedAndTheOldestIsCancelledAndReported() {
        List<List<String>> reported = new ArrayList<>();
        ToolCalls calls = new ToolCalls(reported::add);
        for (int i = 0; i < ToolCalls.MAX_PENDING; i++) {
            calls.requested(List.of(new FunctionCall("c" + i, "f", null)), 1);
        }
        assertThat(reported).isEmpty();
        calls.requested(List.of(new FunctionCall("c" + ToolCalls.MAX_PENDING, "f", null),
                new FunctionCall("c" + (ToolCalls.MAX_PENDING + 1), "f", null)), 1);

        assertThat(reported).containsExactly(List.of("c0", "c1"));
        assertThat(calls.cancelledByBound()).isEqualTo(2);
        assertThatThrownBy(() -> calls.answer(List.of("c0"), 1))
                .hasMessageContaining("already answered or cancelled");
        calls.answer(List.of("c2", "c" + (ToolCalls.MAX_PENDING + 1)), 1);
    }

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
        DefaultLiveSession session = new DefaultLiveSession(options, stuck, pool);
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
