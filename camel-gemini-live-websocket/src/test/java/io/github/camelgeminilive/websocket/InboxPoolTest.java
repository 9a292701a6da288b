package io.github.camelgeminilive.websocket;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.Consumer;

import org.apache.camel.CamelContext;
import org.apache.camel.impl.DefaultCamelContext;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.github.camelgeminilive.ordered.OrderedInbox;

class InboxPoolTest {

    private final CamelContext context = new DefaultCamelContext();
    private final LongAdder dropped = new LongAdder();
    private ExecutorService pool;

    @BeforeEach
    void start() {
        context.start();
        pool = InboxPool.create(context, this, "InboxPoolTest", 1);
    }

    @AfterEach
    void stop() throws Exception {
        context.close();
    }

    /** One item at a time; every item is a frame, counted in {@link #dropped} when its turn is refused. */
    private OrderedInbox<Integer> inbox(OrderedInbox.Handler<Integer> handler) {
        return new OrderedInbox<>(pool, handler, 1, item -> true, 10, dropped);
    }

    @Test
    void turnsWaitForABusyPoolNeverRunOnTheCallerNorAreRefused() throws Exception {
        // the pool's one thread is held; more turns come than Camel's fixed pool queues (1000: then the caller ran
        // them) and a pool without a queue refuses every one (Camel's reading of an unbounded queue size)
        CountDownLatch release = new CountDownLatch(1);
        inbox((item, done) -> {
            try {
                release.await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            } finally {
                done.accept(item);
            }
        }).offer(0);
        Thread caller = Thread.currentThread();
        Queue<Thread> ranOn = new ConcurrentLinkedQueue<>();
        int inboxes = 1500;
        for (int i = 0; i < inboxes; i++) {
            OrderedInbox<Integer> inbox = inbox((item, done) -> {
                ranOn.add(Thread.currentThread());
                done.accept(item);
            });
            assertThat(inbox.offer(i)).isTrue();
        }
        assertThat(ranOn).as("turns run on the offering thread").doesNotContain(caller);
        assertThat(dropped.sum()).as("turns refused while the pool runs").isZero();
        release.countDown();
        Awaitility.await().atMost(30, TimeUnit.SECONDS).until(() -> ranOn.size() == inboxes);
        assertThat(ranOn).doesNotContain(caller);
    }

    @Test
    void aTurnAfterTheStopIsRefusedAndItsItemsCountedNotDiscarded() {
        Queue<Integer> started = new ConcurrentLinkedQueue<>();
        Queue<Consumer<Integer>> unfinished = new ConcurrentLinkedQueue<>();
        OrderedInbox<Integer> inbox = inbox((item, done) -> {
            started.add(item);
            unfinished.add(done);
        });
        inbox.offer(1);
        inbox.offer(2); // queued behind the held frame
        Awaitility.await().atMost(10, TimeUnit.SECONDS).until(() -> started.size() == 1);
        context.getExecutorServiceManager().shutdown(pool);
        // the next turn is refused: Camel's fixed pool discarded it silently and the inbox stayed wedged
        unfinished.poll().accept(1);
        assertThat(dropped.sum()).isEqualTo(1);
        assertThat(started).containsExactly(1);
        assertThat(inbox.offer(3)).isTrue(); // not wedged: its room was freed, the new item is counted too
        assertThat(dropped.sum()).isEqualTo(2);
    }
}
