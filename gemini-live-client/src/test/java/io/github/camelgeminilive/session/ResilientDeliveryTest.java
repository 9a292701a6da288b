package io.github.camelgeminilive.session;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;

import io.github.camelgeminilive.protocol.Setup;
import io.github.camelgeminilive.testing.EmulatorClientTest;
import io.github.camelgeminilive.testing.EventRecorder;
import io.github.camelgeminilive.testing.Resilience;

/** The path of a resilient session's events: one queue and one thread hand-off between the socket and the listener. */
class ResilientDeliveryTest extends EmulatorClientTest {

    /** Undertow's I/O threads, named after the client's XNIO worker. */
    private static final String IO_THREAD = "gemini-live-io I/O-";

    @Test
    void aConnectionHandsItsEventsToTheEngineOnTheThreadThatReadThem() throws Exception {
        // with a direct event executor the listener runs where the engine queued the event: had the connection a
        // queue and a pool thread of its own, that thread would show here
        SessionOptions direct = new SessionOptions(Setup.builder(Resilience.MODEL).outputAudioTranscription(true)
                .build(), null, Runnable::run, null);
        EventRecorder events = new EventRecorder();
        ResilientSession session = client.connectResilient(direct, Resilience.options(false), events)
                .get(10, TimeUnit.SECONDS);
        session.sendText("Hello there").get(5, TimeUnit.SECONDS);
        events.awaitCount(LiveEvent.TurnComplete.class, 1);

        int turnEnd = events.types().indexOf(LiveEventType.TURN_COMPLETE);
        List<String> threads = events.threads.subList(0, turnEnd + 1);
        assertThat(events.of(LiveEvent.OutputTranscription.class)).isNotEmpty();
        assertThat(threads).as("threads that ran the listener, up to the turn's end").allMatch(
                t -> t.startsWith(IO_THREAD));
        assertThat(session.metrics().droppedEvents()).isZero();
    }

    @Test
    void theHandleStoreIsNeverCalledOnAnIoThread() throws Exception {
        // a store may write a file or a database: the update is read on an I/O thread, the save must not run there
        List<String> saveThreads = new CopyOnWriteArrayList<>();
        CountDownLatch saved = new CountDownLatch(1);
        InMemoryResumptionHandleStore memory = new InMemoryResumptionHandleStore();
        ResumptionHandleStore store = new ResumptionHandleStore() {
            @Override
            public Optional<StoredHandle> load(String key) {
                return memory.load(key);
            }

            @Override
            public void save(String key, StoredHandle handle) {
                saveThreads.add(Thread.currentThread().getName());
                memory.save(key, handle);
                saved.countDown();
            }

            @Override
            public void remove(String key) {
                memory.remove(key);
            }
        };
        EventRecorder events = new EventRecorder();
        ResilientSession session = client.connectResilient(Resilience.session(),
                Resilience.options(false).withHandles(store, "call-1", false), events).get(10, TimeUnit.SECONDS);
        session.sendText("Hello there").get(5, TimeUnit.SECONDS);
        assertThat(saved.await(10, TimeUnit.SECONDS)).as("a handle was saved").isTrue();
        assertThat(saveThreads).noneMatch(t -> t.startsWith(IO_THREAD));
        assertThat(memory.load("call-1")).isPresent();
        session.close();
    }
}
