package io.github.camelgeminilive.testing;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Predicate;

import org.awaitility.Awaitility;

import io.github.camelgeminilive.session.LiveEvent;
import io.github.camelgeminilive.session.LiveEventType;
import io.github.camelgeminilive.session.LiveSessionListener;

/** Records a session's events and the threads they arrived on; waits for events with Awaitility. */
public final class EventRecorder implements LiveSessionListener {

    private static final Duration TIMEOUT = Duration.ofSeconds(20);

    private final List<LiveEvent> events = new CopyOnWriteArrayList<>();
    public final List<String> threads = new CopyOnWriteArrayList<>();

    @Override
    public void onEvent(LiveEvent event) {
        threads.add(Thread.currentThread().getName());
        events.add(event);
    }

    public List<LiveEvent> events() {
        return List.copyOf(events);
    }

    public List<LiveEventType> types() {
        return events.stream().map(LiveEvent::type).toList();
    }

    /** Waits for the first event of the type after position {@code from}. */
    public <T extends LiveEvent> T await(Class<T> type, int from) {
        return type.cast(Awaitility.await().atMost(TIMEOUT).until(() -> first(e -> type.isInstance(e), from),
                e -> e != null));
    }

    public <T extends LiveEvent> T await(Class<T> type) {
        return await(type, 0);
    }

    public LiveEvent.Closed awaitClosed() {
        return await(LiveEvent.Closed.class);
    }

    /** Waits until an event of the type has arrived {@code count} times in total. */
    public void awaitCount(Class<? extends LiveEvent> type, int count) {
        Awaitility.await().atMost(TIMEOUT).until(() -> of(type).size() >= count);
    }

    public <T extends LiveEvent> List<T> of(Class<T> type) {
        List<T> out = new ArrayList<>();
        for (LiveEvent e : events) {
            if (type.isInstance(e)) {
                out.add(type.cast(e));
            }
        }
        return out;
    }

    public int size() {
        return events.size();
    }

    private LiveEvent first(Predicate<LiveEvent> p, int from) {
        List<LiveEvent> snapshot = events();
        for (int i = from; i < snapshot.size(); i++) {
            if (p.test(snapshot.get(i))) {
                return snapshot.get(i);
            }
        }
        return null;
    }
}
