package io.github.camelgeminilive.examples.kafka;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;

import org.apache.camel.CamelContext;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.impl.DefaultCamelContext;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * A call's lane refuses a chunk at once when full, in chunks or in audio (counted), without touching other calls'
 * lanes, and its counters go back to 0; a release goes at once, leaving the chunks queued before it to the next owner;
 * a release or an end completes only once the call's handle saves under way are done, or after their bound.
 */
class CallLanesTest {

    private static final TopicPartition P0 = new TopicPartition(VoiceRoutes.INPUT, 0);

    /** Holds every item in the session's route until counted down. */
    private final CountDownLatch go = new CountDownLatch(1);
    private final List<CallLanes.Item> finished = new CopyOnWriteArrayList<>();
    /** The items that reached the session's route. */
    private final AtomicInteger sent = new AtomicInteger();
    /** When each item reached the session's route ({@link System#nanoTime()}). */
    private final List<Long> sentAt = new CopyOnWriteArrayList<>();
    private CamelContext context;

    @AfterEach
    void stop() {
        go.countDown();
        if (context != null) {
            context.stop();
        }
    }

    @Test
    void aFullLaneRefusesAtOnceAndItsCountersGoBackToZero() throws Exception {
        CallLanes lanes = start(call -> CompletableFuture.completedFuture(null));
        for (int i = 0; i < CallLanes.MAX_PER_CALL; i++) {
            assertThat(lanes.offerChunk(chunk("call-1", i))).isTrue();
        }

        assertThat(lanes.offerChunk(chunk("call-1", CallLanes.MAX_PER_CALL))).as("one more").isFalse();
        assertThat(lanes.refused()).isEqualTo(1);
        assertThat(lanes.hasRoom("call-1")).isFalse();
        assertThat(lanes.offerChunk(chunk("call-2", 0))).as("another call's chunk").isTrue();
        assertThat(lanes.hasRoom("call-2")).isTrue();
        assertThat(lanes.chunks()).isEqualTo(CallLanes.MAX_PER_CALL + 1);

        go.countDown();
        await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> {
            assertThat(lanes.chunks()).as("chunks waiting or under way").isZero();
            assertThat(lanes.calls()).as("lanes").isZero();
            assertThat(lanes.bytes()).as("bytes waiting or under way").isZero();
        });
        assertThat(finished).hasSize(CallLanes.MAX_PER_CALL + 1);
        assertThat(lanes.hasRoom("call-1")).isTrue();
        assertThat(lanes.refused()).isEqualTo(1);
    }

    @Test
    void aLaneIsBoundedInAudioWhateverTheChunksLength() throws Exception {
        CallLanes lanes = start(call -> CompletableFuture.completedFuture(null));
        byte[] second = new byte[Callers.SAMPLE_RATE * 2]; // the longest chunk taken: 1 s
        int fit = CallLanes.MAX_CALL_BYTES / second.length;
        for (int i = 0; i < fit; i++) {
            assertThat(lanes.offerChunk(CallLanes.Item.chunk("call-1", P0, i, second))).isTrue();
        }

        assertThat(lanes.offerChunk(CallLanes.Item.chunk("call-1", P0, fit, second))).as("one more second")
                .isFalse();
        assertThat(lanes.offerChunk(chunk("call-2", 0))).as("another call's chunk").isTrue();
        assertThat(lanes.bytes()).isEqualTo(CallLanes.MAX_CALL_BYTES + Callers.CHUNK_SAMPLES * 2L);
        go.countDown();
        await().atMost(Duration.ofSeconds(60)).until(() -> lanes.bytes() == 0 && lanes.calls() == 0);
    }

    @Test
    void aReleaseLeavesTheChunksQueuedBeforeItToTheNextOwnerAndGoesAtOnce() throws Exception {
        CallLanes lanes = start(call -> CompletableFuture.completedFuture(null));
        for (int i = 0; i < 6; i++) {
            assertThat(lanes.offerChunk(chunk("call-1", i))).isTrue();
        }
        await().atMost(Duration.ofSeconds(30)).until(() -> sent.get() == 1); // chunk 0 under way, 5 queued
        CallLanes.Item release = CallLanes.Item.operation("call-1", null, -1, CallLanes.RELEASE);
        lanes.offer(release);
        go.countDown();

        release.done().get(30, TimeUnit.SECONDS);
        assertThat(sent).as("items sent: the chunk under way, then the release").hasValue(2);
        assertThat(lanes.handedOn()).isEqualTo(5);
        assertThat(finished).as("outcomes: chunks left to the next owner have none").hasSize(2);
        assertThat(lanes.offerChunk(chunk("call-1", 6))).isTrue();
        await().atMost(Duration.ofSeconds(30)).until(() -> sent.get() == 3); // after the release, chunks go again
        await().atMost(Duration.ofSeconds(30)).until(() -> lanes.chunks() == 0 && lanes.calls() == 0);
    }

    @Test
    void aCallsPaceOutlivesItsLaneRunningEmpty() throws Exception {
        double pace = 1.25;
        CallLanes lanes = start(call -> CompletableFuture.completedFuture(null), pace);
        go.countDown();
        byte[] second = new byte[Callers.SAMPLE_RATE * 2];
        assertThat(lanes.offerChunk(CallLanes.Item.chunk("call-1", P0, 0, second))).isTrue();
        await().atMost(Duration.ofSeconds(30)).until(() -> finished.size() == 1); // its lane has nothing left

        assertThat(lanes.offerChunk(CallLanes.Item.chunk("call-1", P0, 1, second))).isTrue();
        await().atMost(Duration.ofSeconds(30)).until(() -> finished.size() == 2);
        // a lane made afresh would have sent it at once: its pace lets 1 s of audio go every 0.8 s
        assertThat(sentAt.get(1) - sentAt.get(0)).as("nanoseconds between the chunks' sends")
                .isGreaterThanOrEqualTo((long) (1e9 / pace) - TimeUnit.MILLISECONDS.toNanos(50));
        await().atMost(Duration.ofSeconds(30)).until(() -> lanes.calls() == 0);
    }

    @Test
    void aReleaseCompletesOnlyOnceTheCallsHandleSavesUnderWayAreDone() throws Exception {
        CountDownLatch asked = new CountDownLatch(1);
        CompletableFuture<Void> saving = new CompletableFuture<>();
        CallLanes lanes = start(call -> {
            asked.countDown();
            return saving;
        });
        go.countDown();
        CallLanes.Item release = CallLanes.Item.operation("call-1", null, -1, "release");
        lanes.offer(release);

        // the session was let go, and then the saves under way were waited for: without the wait, never asked
        assertThat(asked.await(30, TimeUnit.SECONDS)).as("the call's saves under way were asked for").isTrue();
        assertThat(release.done()).isNotDone();
        assertThat(finished).isEmpty();
        saving.complete(null);
        release.done().get(30, TimeUnit.SECONDS);
        assertThat(finished).containsExactly(release);
        await().atMost(Duration.ofSeconds(30)).until(() -> lanes.calls() == 0);
    }

    @Test
    void aReleaseWaitsForSavesThatNeverEndOnlyUpToItsBound() throws Exception {
        CallLanes lanes = start(call -> new CompletableFuture<>());
        go.countDown();
        CallLanes.Item end = CallLanes.Item.operation("call-1", P0, 7, "close");
        lanes.offer(end);

        end.done().get(CallLanes.SAVES_TIMEOUT.toSeconds() + 60, TimeUnit.SECONDS);
        assertThat(finished).containsExactly(end);
    }

    private CallLanes start(Function<String, CompletableFuture<Void>> saved) throws Exception {
        return start(saved, 0);
    }

    private CallLanes start(Function<String, CompletableFuture<Void>> saved, double pace) throws Exception {
        context = new DefaultCamelContext();
        context.addRoutes(new RouteBuilder() {
            @Override
            public void configure() {
                from("direct:session").process(e -> {
                    sentAt.add(System.nanoTime());
                    sent.incrementAndGet();
                    go.await();
                });
            }
        });
        context.start();
        CallLanes lanes = new CallLanes("direct:session", (item, failure) -> finished.add(item), saved, pace);
        context.addService(lanes, true, true);
        return lanes;
    }

    private static CallLanes.Item chunk(String call, long offset) {
        return CallLanes.Item.chunk(call, P0, offset, new byte[Callers.CHUNK_SAMPLES * 2]);
    }
}
