package io.github.camelgeminilive.session.delivery;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class OrderedTasksTest {

    private final ExecutorService pool = Executors.newFixedThreadPool(4);

    @AfterEach
    void stop() {
        pool.shutdownNow();
    }

    @Test
    void runsTasksOneAtATimeInSubmissionOrderOnASharedPool() throws Exception {
        OrderedTasks serial = new OrderedTasks(pool);
        int n = 10_000;
        List<Integer> seen = new ArrayList<>(); // unsynchronised on purpose: serial execution makes it safe
        AtomicInteger concurrent = new AtomicInteger();
        AtomicInteger maxConcurrent = new AtomicInteger();
        CountDownLatch done = new CountDownLatch(n);
        for (int i = 0; i < n; i++) {
            int value = i;
            serial.execute(() -> {
                maxConcurrent.accumulateAndGet(concurrent.incrementAndGet(), Math::max);
                seen.add(value);
                concurrent.decrementAndGet();
                done.countDown();
            });
        }
        assertThat(done.await(10, TimeUnit.SECONDS)).isTrue();
        assertThat(maxConcurrent.get()).isEqualTo(1);
        assertThat(seen).hasSize(n);
        for (int i = 0; i < n; i++) {
            assertThat(seen.get(i)).isEqualTo(i);
        }
    }

    @Test
    void aFailingTaskDoesNotStopTheNext() throws Exception {
        OrderedTasks serial = new OrderedTasks(pool);
        CountDownLatch ran = new CountDownLatch(1);
        serial.execute(() -> {
            throw new IllegalStateException("listener bug");
        });
        serial.execute(ran::countDown);
        assertThat(ran.await(5, TimeUnit.SECONDS)).isTrue();
    }

    @Test
    void anErrorInATaskRunHereNeitherReachesTheCallerNorStopsTheNext() throws Exception {
        OrderedTasks serial = new OrderedTasks(pool);
        CountDownLatch ran = new CountDownLatch(2);
        assertThatCode(() -> serial.executeHere(() -> {
            throw new AssertionError("a bug in a task");
        })).doesNotThrowAnyException();
        serial.executeHere(ran::countDown);
        serial.execute(() -> {
            throw new StackOverflowError();
        });
        serial.execute(ran::countDown);
        assertThat(ran.await(5, TimeUnit.SECONDS)).isTrue();
    }

    @Test
    void tasksAShutDownPoolRejectsRunOnTheCallerInOrder() {
        ExecutorService shutDown = Executors.newSingleThreadExecutor();
        shutDown.shutdown();
        OrderedTasks serial = new OrderedTasks(shutDown);
        List<String> seen = new ArrayList<>();
        serial.execute(() -> seen.add("first"));
        serial.executeHere(() -> seen.add("second"));
        serial.execute(() -> seen.add(Thread.currentThread().getName()));
        assertThat(seen).containsExactly("first", "second", Thread.currentThread().getName());
    }
}
