package io.github.camelgeminilive.session;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

import org.junit.jupiter.api.Test;

class EventQueueTest {

    @Test
    void eventsAShutDownExecutorRejectsAreCountedAsDropped() {
        ExecutorService shutDown = Executors.newSingleThreadExecutor();
        shutDown.shutdown();
        List<LiveEvent> delivered = new ArrayList<>();
        EventQueue queue = new EventQueue(delivered::add, shutDown, 10, "test");

        queue.offer(new LiveEvent.Text("one", false));
        queue.offer(new LiveEvent.TurnComplete(null));

        assertThat(queue.dropped()).isEqualTo(2);
        assertThat(delivered).isEmpty();
    }

    @Test
    void inOrderTasksAShutDownExecutorRejectsStillRun() {
        ExecutorService shutDown = Executors.newSingleThreadExecutor();
        shutDown.shutdown();
        List<String> ran = new ArrayList<>();
        EventQueue queue = new EventQueue(event -> ran.add("event"), shutDown, 10, "test");

        queue.offer(new LiveEvent.TurnComplete(null));
        queue.runInOrder(() -> ran.add("task"));

        assertThat(ran).containsExactly("task");
        assertThat(queue.dropped()).isEqualTo(1);
    }
}
