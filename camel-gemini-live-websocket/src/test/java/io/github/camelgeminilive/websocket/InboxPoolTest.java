package io.github.camelgeminilive.websocket;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.Consumer;

import org.apache.camel.CamelContext;
import org.apache.camel.impl.DefaultCamelContext;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;

import io.github.camelgeminilive.ordered.OrderedInbox;

class InboxPoolTest {

    @Test
    void aTurnAfterTheStopIsDroppedAndCountedNotRunOnTheCallerNorDiscarded() throws Exception {
        try (CamelContext context = new DefaultCamelContext()) {
            context.start();
            ExecutorService pool = InboxPool.create(context, this, "InboxPoolTest", 1);
            Queue<Integer> started = new ConcurrentLinkedQueue<>();
            Queue<Consumer<Integer>> unfinished = new ConcurrentLinkedQueue<>();
            LongAdder dropped = new LongAdder();
            OrderedInbox<Integer> inbox = new OrderedInbox<>(pool, (item, done) -> {
                started.add(item);
                unfinished.add(done);
            }, 1, item -> true, 10, dropped);
            inbox.offer(1);
            inbox.offer(2); // queued behind the held frame
            Awaitility.await().atMost(10, TimeUnit.SECONDS).until(() -> started.size() == 1);
            context.getExecutorServiceManager().shutdown(pool);
            unfinished.poll().accept(1); // the next turn is rejected: Camel's default pool discarded it silently
            assertThat(dropped.sum()).isEqualTo(1);
            assertThat(started).containsExactly(1);
            assertThat(inbox.offer(3)).isTrue(); // not wedged: its room was freed, the new item is counted too
            assertThat(dropped.sum()).isEqualTo(2);
        }
    }
}
