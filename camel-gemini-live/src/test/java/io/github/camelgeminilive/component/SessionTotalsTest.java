package io.github.camelgeminilive.component;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.lang.reflect.Proxy;
import java.time.Duration;
import java.util.Collection;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import io.github.camelgeminilive.session.LiveSession;
import io.github.camelgeminilive.session.ResilienceMetrics;

/**
 * An endpoint's totals as a scrape reads them: one sum serves a whole scrape (not one per meter), and forgetting a
 * session moves its counts to the totals in one step, so no sum sees it in neither place (a dip reads as a reset).
 */
class SessionTotalsTest {

    private final ExecutorService executor = Executors.newFixedThreadPool(2);
    private final AtomicLong now = new AtomicLong(1_000);
    private final SessionTotals totals = new SessionTotals(now::get);
    private final AtomicInteger metricsReads = new AtomicInteger();
    private final SharedLiveSession session = connected("call-1", 5);
    private final Collection<SharedLiveSession> held = new CopyOnWriteArrayList<>(List.of(session));

    @AfterEach
    void stop() {
        executor.shutdownNow();
    }

    @Test
    void oneSumServesEveryMeterOfAScrape() {
        long[] first = totals.total(held);
        assertThat(first[SessionTotals.Count.FRAMES_SENT.ordinal()]).isEqualTo(5);
        int reads = metricsReads.get();

        for (int meter = 0; meter < 20; meter++) {
            assertThat(totals.total(held)).isSameAs(first);
        }
        assertThat(metricsReads.get()).isEqualTo(reads);

        now.addAndGet(SessionTotals.FRESH_NANOS);
        totals.total(held);
        assertThat(metricsReads.get()).isEqualTo(reads + 1);
    }

    @Test
    void aSumDuringAForgetSeesTheSessionInOnePlaceOrTheOther() throws Exception {
        CountDownLatch removed = new CountDownLatch(1);
        CountDownLatch proceed = new CountDownLatch(1);
        CompletableFuture<Boolean> forgetting = CompletableFuture.supplyAsync(() -> totals.forget(session, () -> {
            held.remove(session);
            removed.countDown();
            awaitQuietly(proceed);
            return true;
        }), executor);
        assertThat(removed.await(10, TimeUnit.SECONDS)).isTrue();

        // a scrape while the session is out of the held ones and its counts not yet added
        Thread[] scraper = new Thread[1];
        CompletableFuture<long[]> sum = CompletableFuture.supplyAsync(() -> {
            scraper[0] = Thread.currentThread();
            return totals.total(held);
        }, executor);
        await().atMost(Duration.ofSeconds(10)).until(() -> scraper[0] != null
                && (scraper[0].getState() == Thread.State.BLOCKED || sum.isDone()));
        proceed.countDown();

        assertThat(forgetting.get(10, TimeUnit.SECONDS)).isTrue();
        assertThat(sum.get(10, TimeUnit.SECONDS)[SessionTotals.Count.FRAMES_SENT.ordinal()]).isEqualTo(5);
        assertThat(totals.total(held)[SessionTotals.Count.FRAMES_SENT.ordinal()]).isEqualTo(5);
    }

    private static void awaitQuietly(CountDownLatch latch) {
        try {
            latch.await(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** A session connected to a fake one whose metrics show {@code framesSent} sent frames. */
    private SharedLiveSession connected(String key, long framesSent) {
        ResilienceMetrics metrics = new ResilienceMetrics(1, 0, 0, 0, 0, 0, 0, Duration.ZERO, Duration.ZERO, 0, 0, 0,
                0, 0, framesSent, 100, Duration.ZERO, 0, 0, 0, Duration.ZERO);
        LiveSession live = (LiveSession) Proxy.newProxyInstance(getClass().getClassLoader(),
                new Class<?>[] {LiveSession.class}, (proxy, method, args) -> switch (method.getName()) {
                    case "metrics" -> {
                        metricsReads.incrementAndGet();
                        yield metrics;
                    }
                    case "isOpen" -> true;
                    default -> null;
                });
        SharedLiveSession shared = new SharedLiveSession(key, listener -> CompletableFuture.completedFuture(live),
                () -> {}, new TurnReplies(key, executor, false), SessionObserver.NONE);
        assertThat(shared.session()).isCompletedWithValue(live);
        return shared;
    }
}
