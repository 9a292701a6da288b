package io.github.camelgeminilive.component;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.lang.reflect.Proxy;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.IntFunction;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import io.github.camelgeminilive.session.LiveEvent;
import io.github.camelgeminilive.session.LiveSession;
import io.github.camelgeminilive.session.LiveSessionException;
import io.github.camelgeminilive.session.LiveSessionListener;

/** The ordered entry point for sends: the FIFO while connecting, its bound, a failed connect, a failed frame. */
@Timeout(60)
class SharedLiveSessionTest {

    private final ExecutorService executor = Executors.newSingleThreadExecutor();
    private final List<Integer> written = new ArrayList<>();
    private final AtomicInteger connects = new AtomicInteger();
    private final AtomicInteger closedAfter = new AtomicInteger(-1);
    private CompletableFuture<LiveSession> connecting = new CompletableFuture<>();
    /** What the client delivers the session's events to. */
    private LiveSessionListener events;
    private SharedLiveSession shared = new SharedLiveSession("call", listener -> {
        connects.incrementAndGet();
        events = listener;
        return connecting;
    }, () -> {}, new TurnReplies("call", executor, false), SessionObserver.NONE);

    @AfterEach
    void stop() {
        executor.shutdownNow();
    }

    /** A session that records the stamp of each audio frame and answers the n-th (1-based) with {@code result}. */
    private LiveSession session(IntFunction<CompletableFuture<Void>> result) {
        return (LiveSession) Proxy.newProxyInstance(getClass().getClassLoader(), new Class<?>[] {LiveSession.class},
                (proxy, method, args) -> switch (method.getName()) {
                    case "sendAudio" -> {
                        written.add(TestAudio.firstSample((byte[]) args[0]));
                        yield result.apply(written.size());
                    }
                    case "isOpen" -> true;
                    case "closeAsync" -> {
                        closedAfter.set(written.size());
                        yield CompletableFuture.completedFuture(null);
                    }
                    case "resumptionHandle" -> Optional.empty();
                    default -> null;
                });
    }

    private static Outgoing frame(int stamp) {
        byte[] pcm = TestAudio.stamped(20, stamp);
        return new Outgoing(s -> s.sendAudio(pcm, null), () -> pcm.length);
    }

    private static Outgoing sized(long bytes) {
        return new Outgoing(s -> s.sendAudio(TestAudio.stamped(20, 0), null), () -> bytes);
    }

    private CompletableFuture<Void> send(Outgoing message) {
        return shared.send(Outgoing.Source.of(message), false).written();
    }

    /** The frames {@code from..to} as one stream source. */
    private static Outgoing.Source frames(int from, int to) {
        AtomicInteger next = new AtomicInteger(from);
        return () -> next.get() > to ? null : frame(next.getAndIncrement());
    }

    @Test
    void sendsWaitingForTheConnectAreWrittenInCallOrderAndLaterSendsQueueBehindThem() {
        List<CompletableFuture<Void>> sent = new ArrayList<>();
        for (int i = 1; i <= 50; i++) {
            sent.add(send(frame(i)));
        }
        assertThat(sent).noneMatch(CompletableFuture::isDone);

        connecting.complete(session(n -> {
            if (n == 1) {
                sent.add(send(frame(51))); // arrives while the waiting ones are handed over
            }
            return CompletableFuture.completedFuture(null);
        }));
        sent.add(send(frame(52)));

        assertThat(sent).allMatch(f -> f.isDone() && !f.isCompletedExceptionally());
        assertThat(written).hasSize(52).isSorted();
        assertThat(connects).hasValue(1);
    }

    @Test
    void closeWhileConnectingWritesTheWaitingSendsFirstAndFailsLaterOnes() {
        send(frame(1));
        send(frame(2));
        CompletableFuture<Void> closing = shared.end("closed by the test");
        CompletableFuture<Void> late = send(frame(3));

        connecting.complete(session(n -> CompletableFuture.completedFuture(null)));

        assertThat(closing).isCompleted();
        assertThat(written).containsExactly(1, 2);
        assertThat(closedAfter).hasValue(2);
        assertThat(late.handle((v, e) -> e).join()).isInstanceOf(LiveSessionException.SessionClosedException.class);
    }

    @Test
    void aSessionThisSideClosedIsReportedClosedForItsReasonAndOneTheServiceEndedForTheServicesReason() {
        List<LiveEvent> delivered = new ArrayList<>();
        shared.addListener(delivered::add);
        send(frame(1));
        connecting.complete(session(n -> CompletableFuture.completedFuture(null)));

        shared.close("idle: nothing sent, received or under way for 300 ms (idleTimeout)");
        events.onEvent(new LiveEvent.Closed(1000, "", null)); // the close handshake's answer

        assertThat(delivered).singleElement().isInstanceOfSatisfying(LiveEvent.Closed.class, c -> {
            assertThat(c.code()).isEqualTo(1000);
            assertThat(c.reason()).isEqualTo("idle: nothing sent, received or under way for 300 ms (idleTimeout)");
        });
        LiveEvent.Closed byService = new LiveEvent.Closed(1011, "overloaded", null);
        SharedLiveSession other = new SharedLiveSession("other", listener -> {
            events = listener;
            return CompletableFuture.completedFuture(session(n -> CompletableFuture.completedFuture(null)));
        }, () -> {}, new TurnReplies("other", executor, false), SessionObserver.NONE);
        other.addListener(delivered::add);
        other.session();
        events.onEvent(byService);
        other.close("too late");
        assertThat(delivered).last().isSameAs(byService);
    }

    @Test
    void whatExceedsTheBoundIsRefusedCountedAndFailsOnlyItsOwnSend() {
        for (int i = 0; i < SharedLiveSession.MAX_PENDING_SENDS; i++) {
            send(sized(1));
        }
        CompletableFuture<Void> refused = send(sized(1));

        assertThat(refused).isCompletedExceptionally();
        assertThat(refused.handle((v, e) -> e).join()).hasMessageContaining("already wait for gemini-live session")
                .hasMessageContaining("at most " + SharedLiveSession.MAX_PENDING_SENDS + " messages");
        assertThat(shared.refusedSends()).isEqualTo(1);

        connecting.complete(session(n -> CompletableFuture.completedFuture(null)));
        assertThat(written).hasSize(SharedLiveSession.MAX_PENDING_SENDS);
    }

    @Test
    void theByteBoundTakesOneLargeMessageWhenNothingWaitsButNothingBeyondTheBound() {
        assertThat(send(sized(SharedLiveSession.MAX_PENDING_BYTES + 1))).isNotDone(); // alone: taken
        assertThat(send(sized(1))).isCompletedExceptionally();

        connecting.complete(session(n -> CompletableFuture.completedFuture(null)));
        connecting = new CompletableFuture<>();
        shared = new SharedLiveSession("other", listener -> connecting, () -> {},
                new TurnReplies("o", executor, false), SessionObserver.NONE);
        assertThat(send(sized(SharedLiveSession.MAX_PENDING_BYTES - 10))).isNotDone();
        assertThat(send(sized(11))).isCompletedExceptionally();
        assertThat(send(sized(10))).isNotDone();
        assertThat(shared.refusedSends()).isEqualTo(1);
    }

    @Test
    void aFailedConnectFailsEveryWaitingSendAndReplyWithItsCauseAndTheNextSendConnectsAgain() {
        CompletableFuture<Void> first = send(frame(1));
        SharedLiveSession.Sent asked = shared.send(Outgoing.Source.of(frame(2)), true);
        LiveSessionException down = new LiveSessionException("service unavailable", 1011, "overloaded", null);

        connecting.completeExceptionally(down);

        assertThat(first.handle((v, e) -> e).join()).isSameAs(down);
        assertThat(asked.written().handle((v, e) -> e).join()).isSameAs(down);
        assertThat(asked.reply().handle((v, e) -> e).join()).isSameAs(down);
        connecting = new CompletableFuture<>();
        send(frame(3));
        assertThat(connects).hasValue(2);
    }

    @Test
    void aFailedMiddleFrameFailsTheStreamAndNothingAfterItIsSent() {
        LiveSessionException lost = new LiveSessionException("write failed", 0, null, null);
        connecting.complete(session(n -> n == 3 ? CompletableFuture.failedFuture(lost)
                : CompletableFuture.completedFuture(null)));

        CompletableFuture<Void> stream = shared.send(frames(1, 20), false).written();

        assertThat(stream.handle((v, e) -> e).join()).isSameAs(lost);
        assertThat(written).containsExactly(1, 2, 3);
    }

    @Test
    void aStreamKeepsAtMostAWindowOfFramesInFlight() throws Exception {
        List<CompletableFuture<Void>> writes = new ArrayList<>();
        connecting.complete(session(n -> {
            CompletableFuture<Void> w = new CompletableFuture<>();
            writes.add(w);
            return w;
        }));
        CompletableFuture<SharedLiveSession.Sent> streaming = CompletableFuture.supplyAsync(
                () -> shared.send(frames(1, 100), false));

        // the reader stops at the window until the oldest write completes; then it moves on, one for one
        await().until(() -> written.size() == 8);
        assertThat(streaming).isNotDone();
        synchronized (shared) { // written is filled under the session's lock
            writes.get(0).complete(null);
        }
        await().until(() -> written.size() == 9);
        for (int i = 1; i < 100; i++) {
            int k = i;
            await().until(() -> writes.size() > k);
            writes.get(k).complete(null);
        }
        assertThat(streaming.get().written().get()).isNull();
        assertThat(written).hasSize(100).isSorted();
    }
}
