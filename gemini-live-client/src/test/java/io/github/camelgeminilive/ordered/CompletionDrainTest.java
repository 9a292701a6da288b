package io.github.camelgeminilive.ordered;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executor;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.IntStream;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The drains: how many times a pool thread is asked to run (under load, each is a wake-up), and the
 * order. The linger is long where "a task queued while the drain lingers" must not depend on timing.
 */
class CompletionDrainTest {

    private static final long LONG_LINGER = TimeUnit.SECONDS.toNanos(30);

    private final ThreadPoolExecutor thread = (ThreadPoolExecutor) Executors.newFixedThreadPool(1);
    private final AtomicInteger wakeUps = new AtomicInteger();

    @AfterEach
    void stop() {
        thread.shutdownNow();
    }

    private CompletionDrain completions(long lingerNanos) {
        return new CompletionDrain(task -> {
            wakeUps.incrementAndGet();
            thread.execute(task);
        }, 1, lingerNanos, true);
    }

    private void awaitIdle() {
        await().atMost(Duration.ofSeconds(10)).until(() -> thread.getActiveCount() == 0);
    }

    @Test
    void aLoneCompletionRunsAtOnceWithoutLingering() throws InterruptedException {
        CompletionDrain c = completions(LONG_LINGER);
        for (int i = 1; i <= 3; i++) { // each alone: a synchronous caller's sends, one at a time
            CountDownLatch ran = new CountDownLatch(1);
            c.execute(ran::countDown);
            assertThat(ran.await(10, TimeUnit.SECONDS)).as("ran, no 30 s linger").isTrue();
            awaitIdle(); // the drain left at once
            assertThat(wakeUps).hasValue(i);
        }
    }

    @Test
    void completionsThatComeTogetherRunInOrderOnOneDrainThatLingersForMore() {
        CompletionDrain c = completions(LONG_LINGER);
        CountDownLatch hold = new CountDownLatch(1);
        List<Integer> order = new CopyOnWriteArrayList<>();
        c.execute(() -> hold(hold));
        IntStream.range(0, 50).forEach(i -> c.execute(() -> order.add(i))); // queued behind the running one
        hold.countDown();
        await().atMost(Duration.ofSeconds(10)).until(() -> order.size() == 50);
        c.execute(() -> order.add(50)); // the drain ran 51 at once: it lingers, and takes this one as it goes on
        assertThat(order.subList(0, 50)).containsExactlyElementsOf(IntStream.range(0, 50).boxed().toList());
        assertThat(wakeUps).as("one pool task for all 52").hasValue(1);
    }

    @Test
    void aDrainLeavesAfterALingerWithNothingNewAndTheNextCompletionWakesANewOne() throws InterruptedException {
        CompletionDrain c = completions(TimeUnit.MILLISECONDS.toNanos(50));
        CountDownLatch hold = new CountDownLatch(1);
        CountDownLatch second = new CountDownLatch(1);
        c.execute(() -> hold(hold));
        c.execute(second::countDown);
        hold.countDown();
        assertThat(second.await(10, TimeUnit.SECONDS)).isTrue();
        awaitIdle(); // the drain ran two, lingered, found nothing and left
        CountDownLatch next = new CountDownLatch(1);
        c.execute(next::countDown);
        assertThat(next.await(10, TimeUnit.SECONDS)).isTrue();
        assertThat(wakeUps).hasValue(2);
    }

    @Test
    void aThreadDrainingCompletionsIsToldToCompleteElsewhereAndAnEventThreadIsNot() throws Exception {
        CompletionDrain c = completions(0);
        CompletionDrain other = new CompletionDrain(thread, 1);
        CompletionDrain events = CompletionDrain.forEvents(thread, 1);
        Executor elsewhere = Runnable::run;
        CompletableFuture<List<Executor>> onCompletionThread = new CompletableFuture<>();
        c.execute(() -> onCompletionThread.complete(List.of(c.unlessDraining(elsewhere),
                other.unlessDraining(elsewhere))));
        // a send there that waits for its completion must not queue it behind itself, nor behind a thread of another
        // drain that may be waiting for one of this one's
        assertThat(onCompletionThread.get(10, TimeUnit.SECONDS)).containsExactly(elsewhere, elsewhere);
        CompletableFuture<Executor> onEventThread = new CompletableFuture<>();
        events.execute(() -> onEventThread.complete(c.unlessDraining(elsewhere)));
        assertThat(onEventThread.get(10, TimeUnit.SECONDS)).as("no one waits for events").isSameAs(c);
        assertThat(c.unlessDraining(elsewhere)).as("not draining here").isSameAs(c);
    }

    @Test
    void whenThePoolRejectsTheOnlyDrainTheTasksOthersQueuedForItStillRun() {
        AtomicInteger ran = new AtomicInteger();
        CompletionDrain[] c = new CompletionDrain[1];
        c[0] = new CompletionDrain(task -> {
            c[0].execute(ran::incrementAndGet); // another thread's, queued while this claim holds the only drain
            throw new RejectedExecutionException("shut down");
        }, 1, 0, true);
        assertThatThrownBy(() -> c[0].execute(() -> ran.addAndGet(100)))
                .isInstanceOf(RejectedExecutionException.class);
        assertThat(ran).as("the other's ran; the rejected one was left to its caller").hasValue(1);
    }

    @Test
    void aCompletionThePoolRejectsIsLeftToTheCallerAndNeverRunLater() throws Exception {
        CountDownLatch hold = new CountDownLatch(1);
        AtomicInteger pooled = new AtomicInteger();
        CompletionDrain c = new CompletionDrain(task -> {
            if (pooled.incrementAndGet() == 2) {
                throw new RejectedExecutionException("shut down");
            }
            thread.execute(task);
        }, 2, 0, true);
        AtomicInteger ranRejected = new AtomicInteger();
        c.execute(() -> hold(hold)); // the first drain, busy
        assertThatThrownBy(() -> c.execute(ranRejected::incrementAndGet)).isInstanceOf(
                RejectedExecutionException.class); // a second drain was claimed, and the pool refused it
        CountDownLatch after = new CountDownLatch(1);
        c.execute(after::countDown); // a second drain again, behind the busy one in the pool: either takes it
        hold.countDown();
        assertThat(after.await(10, TimeUnit.SECONDS)).isTrue();
        assertThat(ranRejected).as("the caller was told; the busy drain did not run it too").hasValue(0);
    }

    private static void hold(CountDownLatch latch) {
        try {
            latch.await(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
