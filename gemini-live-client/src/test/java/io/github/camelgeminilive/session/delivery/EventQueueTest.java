package io.github.camelgeminilive.session.delivery;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executor;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;

import io.github.camelgeminilive.session.LiveEvent;
import io.github.camelgeminilive.session.LiveEventType;
import io.github.camelgeminilive.session.LiveSessionException;
import io.github.camelgeminilive.session.LiveSessionListener;

class EventQueueTest {

    private final SessionCounters counters = new SessionCounters();
    private final List<LiveSessionException> overflows = new ArrayList<>();

    private EventQueue queue(LiveSessionListener listener, Executor executor, int maxEvents, long maxBytes) {
        return new EventQueue(listener, executor, maxEvents, maxBytes, "test", counters, overflows::add);
    }

    @Test
    void eventsAShutDownExecutorRejectsAreCountedAsDropped() {
        ExecutorService shutDown = Executors.newSingleThreadExecutor();
        shutDown.shutdown();
        List<LiveEvent> delivered = new ArrayList<>();
        EventQueue queue = queue(delivered::add, shutDown, 10, Long.MAX_VALUE);

        queue.offer(new LiveEvent.Text("one", false));
        queue.offer(new LiveEvent.TurnComplete(null));

        assertThat(counters.droppedEvents.get()).isEqualTo(2);
        assertThat(counters.droppedEventBytes.get()).isEqualTo(2 * EventQueue.EVENT_OVERHEAD + 3);
        assertThat(delivered).isEmpty();
    }

    @Test
    void inOrderTasksAShutDownExecutorRejectsStillRun() {
        ExecutorService shutDown = Executors.newSingleThreadExecutor();
        shutDown.shutdown();
        List<String> ran = new ArrayList<>();
        EventQueue queue = queue(event -> ran.add("event"), shutDown, 10, Long.MAX_VALUE);

        queue.offer(new LiveEvent.TurnComplete(null));
        queue.runInOrder(() -> ran.add("task"));

        assertThat(ran).containsExactly("task");
        assertThat(counters.droppedEvents.get()).isEqualTo(1);
    }

    @Test
    void theByteBoundDropsTheOldestAudioWhateverTheCount() {
        List<Runnable> parked = new ArrayList<>();
        List<LiveEvent> seen = new ArrayList<>();
        long oneChunk = EventQueue.EVENT_OVERHEAD + 1000;
        EventQueue queue = queue(seen::add, parked::add, 1000, 3 * oneChunk);
        for (int i = 0; i < 10; i++) {
            queue.offer(new LiveEvent.Audio(new byte[1000], "audio/pcm"));
        }
        queue.offer(new LiveEvent.TurnComplete(null));

        assertThat(counters.droppedEvents.get()).isEqualTo(8); // 3 chunks fit; the turn end pushed out one more
        assertThat(counters.droppedEventBytes.get()).isEqualTo(8 * oneChunk);
        parked.get(0).run();
        assertThat(seen).extracting(LiveEvent::type).containsExactly(LiveEventType.AUDIO, LiveEventType.AUDIO,
                LiveEventType.TURN_COMPLETE);
        assertThat(overflows).isEmpty();
    }

    @Test
    void aNewerResumptionUpdateSupersedesAQueuedOneAtTheBound() {
        List<Runnable> parked = new ArrayList<>();
        List<LiveEvent> seen = new ArrayList<>();
        EventQueue queue = queue(seen::add, parked::add, 3, Long.MAX_VALUE);
        queue.offer(new LiveEvent.TurnComplete(null));
        for (int i = 0; i < 100; i++) {
            queue.offer(new LiveEvent.ResumptionUpdate("h" + i, true, null));
        }

        assertThat(counters.droppedEvents.get()).isEqualTo(98);
        assertThat(overflows).isEmpty();
        parked.get(0).run();
        assertThat(seen).containsExactly(new LiveEvent.TurnComplete(null),
                new LiveEvent.ResumptionUpdate("h98", true, null), new LiveEvent.ResumptionUpdate("h99", true, null));
    }

    @Test
    void aFloodOfStateBeyondTheBoundEndsTheSessionOnceAndItsClosedStillComes() {
        List<Runnable> parked = new ArrayList<>();
        List<LiveEvent> seen = new ArrayList<>();
        EventQueue queue = queue(seen::add, parked::add, 5, Long.MAX_VALUE);
        for (int i = 0; i < 1000; i++) {
            queue.offer(new LiveEvent.TurnComplete(null));
        }
        queue.offer(new LiveEvent.Closed(1011, "listener fell behind", overflows.get(0)));
        queue.offer(new LiveEvent.TurnComplete("after the end"));

        assertThat(overflows).singleElement().satisfies(e -> {
            assertThat(e).hasMessageContaining("fell 6 events").hasMessageContaining("maxQueuedEvents=5");
            assertThat(e.closeCode()).isEqualTo(1011);
        });
        assertThat(counters.droppedEvents.get()).isEqualTo(1000 - 6 + 1);
        parked.get(0).run();
        assertThat(seen).hasSize(7);
        assertThat(seen.get(6)).isInstanceOf(LiveEvent.Closed.class);
    }

    @Test
    void aListenerThrowingAnErrorStillGetsTheLaterEventsAndTheClosed() {
        ExecutorService pool = Executors.newSingleThreadExecutor();
        try {
            List<LiveEvent> seen = new CopyOnWriteArrayList<>();
            EventQueue queue = queue(event -> {
                seen.add(event);
                if (event instanceof LiveEvent.Text) {
                    throw new AssertionError("listener bug");
                }
            }, pool, 10, Long.MAX_VALUE);
            queue.offer(new LiveEvent.Text("boom", false));
            Awaitility.await().atMost(Duration.ofSeconds(10)).until(() -> seen.size() == 1);
            queue.offer(new LiveEvent.TurnComplete(null));
            queue.offer(new LiveEvent.Closed(1000, "", null));

            Awaitility.await().atMost(Duration.ofSeconds(10)).until(() -> seen.size() == 3);
            assertThat(seen.get(2)).isInstanceOf(LiveEvent.Closed.class);
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void eventQueueDropsOldestAudioFirstAndNeverTheEventsThatCarryState() {
        List<Runnable> parked = new ArrayList<>();
        List<LiveEvent> seen = new ArrayList<>();
        EventQueue queue = queue(seen::add, parked::add, 3, Long.MAX_VALUE);
        queue.offer(new LiveEvent.Audio(new byte[2], "audio/pcm"));
        queue.offer(new LiveEvent.TurnComplete(null));
        queue.offer(new LiveEvent.Audio(new byte[4], "audio/pcm"));
        queue.offer(new LiveEvent.GenerationComplete()); // full: the first audio goes
        queue.offer(new LiveEvent.Usage(null)); // full: the second audio goes
        queue.offer(new LiveEvent.Interrupted()); // full: the usage goes
        queue.offer(new LiveEvent.Closed(1000, "", null)); // full, nothing droppable: kept anyway
        assertThat(counters.droppedEvents.get()).isEqualTo(3);
        parked.get(0).run();
        assertThat(seen).extracting(LiveEvent::type).containsExactly(LiveEventType.TURN_COMPLETE,
                LiveEventType.GENERATION_COMPLETE, LiveEventType.INTERRUPTED, LiveEventType.CLOSED);
    }
}
