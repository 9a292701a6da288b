package io.github.camelgeminilive.ordered;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executor;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;

import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class OrderedInboxTest {

    private final ExecutorService pool = Executors.newFixedThreadPool(4);
    private final LongAdder dropped = new LongAdder();

    @AfterEach
    void stop() {
        pool.shutdownNow();
    }

    /** Frames are positive numbers, events negative; the handler holds every item's completion. */
    private final class Held implements OrderedInbox.Handler<Integer> {
        final Queue<Integer> started = new ConcurrentLinkedQueue<>();
        final Queue<Runnable> unfinished = new ConcurrentLinkedQueue<>();

        @Override
        public void handle(Integer item, Consumer<Integer> done) {
            started.add(item);
            unfinished.add(() -> done.accept(item));
        }

        void finishOne() {
            unfinished.poll().run();
        }
    }

    private OrderedInbox<Integer> inbox(OrderedInbox.Handler<Integer> handler, int maxInFlight, int maxFrames) {
        return inbox(pool, handler, maxInFlight, maxFrames);
    }

    /** An inbox of frames (positive) and events (negative) on {@code executor}, counting its drops. */
    private OrderedInbox<Integer> inbox(Executor executor, OrderedInbox.Handler<Integer> handler, int maxInFlight,
            int maxFrames) {
        return new OrderedInbox<>(executor, handler, maxInFlight, item -> item > 0, maxFrames, dropped);
    }

    @Test
    void theNextFrameStartsBeforeThePreviousFinishedUpToMaxInFlight() {
        Held held = new Held();
        OrderedInbox<Integer> inbox = inbox(held, 3, 100);
        for (int i = 1; i <= 5; i++) {
            inbox.offer(i);
        }
        // nothing has finished, yet three frames started, in order
        await(() -> held.started.size() == 3);
        assertThat(held.started).containsExactly(1, 2, 3);
        held.finishOne();
        await(() -> held.started.size() == 4);
        held.finishOne();
        await(() -> held.started.size() == 5);
        assertThat(held.started).containsExactly(1, 2, 3, 4, 5);
    }

    @Test
    void withOneInFlightTheNextStartsOnlyOnceThePreviousFinished() {
        Held held = new Held();
        OrderedInbox<Integer> inbox = inbox(held, 1, 100);
        inbox.offer(1);
        inbox.offer(2);
        await(() -> held.started.size() == 1);
        assertThat(held.unfinished).hasSize(1); // item 2 waits while 1 is held
        held.finishOne();
        await(() -> held.started.size() == 2);
        assertThat(held.started).containsExactly(1, 2);
    }

    @Test
    void anEventStartsAloneAfterTheFramesBeforeItAndBeforeTheFramesAfterIt() {
        Held held = new Held();
        OrderedInbox<Integer> inbox = inbox(held, 4, 100);
        inbox.offer(1);
        inbox.offer(2);
        inbox.offer(-1); // an event (say, the close)
        inbox.offer(3);
        await(() -> held.started.size() == 2);
        held.finishOne();
        assertThat(held.started).containsExactly(1, 2); // 2 still runs: the event waits
        held.finishOne();
        await(() -> held.started.size() == 3);
        assertThat(held.started).containsExactly(1, 2, -1); // and frame 3 waits for the event
        held.finishOne();
        await(() -> held.started.size() == 4);
        assertThat(held.started).containsExactly(1, 2, -1, 3);
    }

    @Test
    void framesBeyondTheBoundAreRefusedUntilOneFinishesEventsAlwaysGetIn() {
        Held held = new Held();
        OrderedInbox<Integer> inbox = inbox(held, 1, 2);
        assertThat(inbox.offer(1)).isTrue();
        assertThat(inbox.offer(2)).isTrue();
        assertThat(inbox.offer(3)).isFalse();
        assertThat(inbox.offer(-1)).isTrue();
        await(() -> held.started.size() == 1);
        held.finishOne();
        assertThat(inbox.offer(4)).isTrue();
        assertThat(inbox.offer(5)).isFalse();
    }

    @Test
    void manyFramesAndEventsStartInOrderNeverTwoHandlersAtOnce() throws Exception {
        int n = 20_000;
        List<Integer> seen = new ArrayList<>(); // unsynchronised on purpose: never two handlers at once
        AtomicInteger running = new AtomicInteger();
        AtomicInteger maxRunning = new AtomicInteger();
        CountDownLatch finished = new CountDownLatch(n);
        OrderedInbox<Integer> inbox = inbox((item, done) -> {
            maxRunning.accumulateAndGet(running.incrementAndGet(), Math::max);
            seen.add(item);
            running.decrementAndGet();
            // finish every third item later, on another thread
            if (item % 3 == 0) {
                pool.execute(() -> {
                    done.accept(item);
                    finished.countDown();
                });
            } else {
                done.accept(item);
                finished.countDown();
            }
        }, 8, n);
        for (int i = 1; i <= n; i++) {
            assertThat(inbox.offer(i % 100 == 0 ? -i : i)).isTrue();
        }
        assertThat(finished.await(30, TimeUnit.SECONDS)).isTrue();
        assertThat(maxRunning.get()).isEqualTo(1);
        assertThat(seen).hasSize(n);
        for (int i = 1; i <= n; i++) {
            assertThat(Math.abs(seen.get(i - 1))).isEqualTo(i);
        }
    }

    @Test
    void itemsThePoolRejectsAreDroppedAndCountedAndFreeTheirRoom() {
        OrderedInbox<Integer> inbox = inbox(task -> {
            throw new RejectedExecutionException("stopping");
        }, (item, done) -> done.accept(item), 1, 1);
        assertThat(inbox.offer(-1)).isTrue();
        assertThat(inbox.offer(1)).isTrue();
        assertThat(inbox.offer(2)).isTrue(); // the first frame's room was freed by its drop
        assertThat(dropped.sum()).isEqualTo(3);
    }

    @Test
    void aHandlerThatThrowsHasFinishedItsItem() {
        Queue<Integer> started = new ConcurrentLinkedQueue<>();
        OrderedInbox<Integer> inbox = inbox((item, done) -> {
            started.add(item);
            throw new IllegalStateException("a bug in a route");
        }, 1, 1);
        inbox.offer(1);
        inbox.offer(-1);
        await(() -> started.size() == 2); // the event started: the frame before it has finished
        assertThat(inbox.offerHere(2)).isTrue();
        await(() -> started.size() == 3);
        assertThat(started).containsExactly(1, -1, 2);
    }

    @Test
    void anItemFinishedTwiceCountsOnce() {
        // its handler calls done and then throws: before, inFlight and frames went below 0
        Queue<Integer> started = new ConcurrentLinkedQueue<>();
        OrderedInbox<Integer> inbox = inbox(Runnable::run, (item, done) -> {
            started.add(item);
            if (item == 1) {
                done.accept(item);
                done.accept(item);
                throw new IllegalStateException("a failing exception handler");
            }
        }, 1, 2);
        inbox.offer(1);
        inbox.offer(2); // started, never finished
        inbox.offer(3);
        assertThat(started).containsExactly(1, 2); // 3 waits for 2: one in flight
        assertThat(inbox.offer(4)).isFalse(); // 2 and 3 fill maxFrames
    }

    @Test
    void aPoolStoppedWithATurnToComeDropsAndCountsItsItems() throws Exception {
        ExecutorService stopping = Executors.newSingleThreadExecutor();
        Held held = new Held();
        OrderedInbox<Integer> inbox = inbox(stopping, held, 1, 10);
        inbox.offer(1);
        inbox.offer(2); // queued behind the held frame
        await(() -> held.started.size() == 1);
        stopping.shutdown();
        assertThat(stopping.awaitTermination(10, TimeUnit.SECONDS)).isTrue();
        held.finishOne(); // the pool rejects the next turn
        assertThat(dropped.sum()).isEqualTo(1);
        assertThat(held.started).containsExactly(1);
        assertThat(inbox.offer(3)).isTrue(); // room freed, and counted again
        assertThat(dropped.sum()).isEqualTo(2);
    }

    private static void await(BooleanSupplier condition) {
        Awaitility.await().atMost(10, TimeUnit.SECONDS).until(condition::getAsBoolean);
    }
}
