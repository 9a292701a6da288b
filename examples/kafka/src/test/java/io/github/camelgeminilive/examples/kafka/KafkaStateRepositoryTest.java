package io.github.camelgeminilive.examples.kafka;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.MockConsumer;
import org.apache.kafka.clients.producer.MockProducer;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The handle store refuses a topic that is not compacted, reads on after its reader failed, keeps the newest
 * handle per call, and saves without waiting for the broker.
 */
class KafkaStateRepositoryTest {

    private static final String TOPIC = "handles";
    private static final TopicPartition P0 = new TopicPartition(TOPIC, 0);

    /** The topic's records, as a broker would hold them. */
    private final List<ConsumerRecord<String, String>> log = new CopyOnWriteArrayList<>();
    private KafkaStateRepository repository;

    @AfterEach
    void stop() {
        if (repository != null) {
            repository.stop();
        }
    }

    @Test
    void aHandleTopicThatIsNotCompactedFailsTheStart() {
        repository = new KafkaStateRepository(new Clients("delete", 0), TOPIC, (k, v) -> {
        }, Duration.ofSeconds(5));

        assertThatThrownBy(repository::start).hasStackTraceContaining(
                "The handle topic handles has cleanup.policy=delete: it must be compacted (cleanup.policy=compact)");
    }

    @Test
    void theReaderReadsOnWithANewConsumerAfterItFailed() {
        append("call-1", "handle-1");
        Clients clients = new Clients("compact", 1); // the first reader's poll fails
        repository = new KafkaStateRepository(clients, TOPIC, (k, v) -> {
        }, Duration.ofSeconds(30));
        repository.start();

        repository.catchUp();
        assertThat(repository.getState("call-1")).isEqualTo("handle-1");
        append("call-2", "handle-2");
        repository.catchUp();
        assertThat(repository.getState("call-2")).isEqualTo("handle-2");
        assertThat(clients.readers.get()).as("readers made").isEqualTo(2);
    }

    @Test
    void theReaderReadsOnAfterAFailureThatIsNoKafkaException() {
        append("call-1", "handle-1");
        Clients clients = new Clients("compact", 1, new IllegalArgumentException("a bug in a deserializer"));
        repository = new KafkaStateRepository(clients, TOPIC, (k, v) -> {
        }, Duration.ofSeconds(30));
        repository.start();

        repository.catchUp();
        assertThat(repository.getState("call-1")).isEqualTo("handle-1");
        assertThat(clients.readers.get()).as("readers made").isEqualTo(2);
    }

    @Test
    void aHandleOlderThanTheOneHeldIsNotTakenWhateverTheTopicHoldsLast() {
        repository = new KafkaStateRepository(new Clients("compact", 0), TOPIC, (k, v) -> {
        }, Duration.ofSeconds(30));
        repository.start();
        String older = "2026-12-05T10:00:00Z@3 h1";
        String newer = "2026-12-05T10:00:05Z@7 h2";

        repository.setState("call-1", newer); // this instance's own write, before its reader reaches the older one
        append("call-1", older);
        repository.catchUp();
        assertThat(repository.getState("call-1")).isEqualTo(newer);

        append("call-2", newer); // an old owner's late write after the new owner's
        append("call-2", older);
        repository.catchUp();
        assertThat(repository.getState("call-2")).isEqualTo(newer);

        repository.ended("call-1", 9); // an old owner's late handle does not resume an ended call
        append("call-1", "2026-12-05T10:00:09Z@8 h3");
        repository.catchUp();
        assertThat(repository.getState("call-1")).isEqualTo("ended@9");

        append("call-2", ""); // the call ended: removed
        repository.catchUp();
        assertThat(repository.getState("call-2")).isNull();
    }

    @Test
    void aSaveReturnsAtOnceAndCountsAsStoredOnlyOnceTheBrokerAcknowledgedIt() {
        Clients clients = new Clients("compact", 0);
        clients.autoComplete = false; // the broker has not answered yet
        List<String> stored = new CopyOnWriteArrayList<>();
        repository = new KafkaStateRepository(clients, TOPIC, (k, v) -> stored.add(k + "=" + v),
                Duration.ofSeconds(2));
        repository.start();
        String first = "2026-12-05T10:00:00Z@3 h1";
        String second = "2026-12-05T10:00:05Z@7 h2";

        repository.setState("call-1", first); // does not wait for the broker's acknowledgement
        assertThat(repository.getState("call-1")).isEqualTo(first);
        assertThat(stored).as("not stored before the broker has it").isEmpty();
        CompletableFuture<Void> saved = repository.saved("call-1");
        assertThat(saved).isNotDone();
        clients.producer.completeNext();
        assertThat(stored).containsExactly("call-1=" + first);
        assertThat(saved).isDone();

        repository.setState("call-1", second);
        clients.producer.errorNext(new KafkaException("broker gone")); // a save that fails: not stored, done
        assertThat(stored).containsExactly("call-1=" + first);
        assertThat(repository.saved("call-1")).isDone();
    }

    @Test
    void aCatchUpFailsSayingWhyWhileTheReaderCannotRead() {
        append("call-1", "handle-1");
        repository = new KafkaStateRepository(new Clients("compact", Integer.MAX_VALUE), TOPIC, (k, v) -> {
        }, Duration.ofSeconds(2));
        repository.start();

        assertThatThrownBy(repository::catchUp).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("Could not read handles up to its end within PT2S; reading it fails:")
                .hasMessageContaining("broker gone");
    }

    @Test
    void aRemovalIsATombstoneThatTheReaderAlsoAppliesAsOne() {
        Clients clients = new Clients("compact", 0);
        List<String> stored = new CopyOnWriteArrayList<>();
        repository = new KafkaStateRepository(clients, TOPIC, (k, v) -> stored.add(k + "=" + v),
                Duration.ofSeconds(30));
        repository.start();
        repository.ended("call-1", 7);
        assertThat(repository.getState("call-1")).isEqualTo("ended@7");

        repository.setState("call-1", ""); // the component's removal
        repository.remove("call-2");

        assertThat(clients.producer.history()).extracting(r -> r.key() + "=" + r.value())
                .containsExactly("call-1=ended@7", "call-1=null", "call-2=null");
        assertThat(repository.getState("call-1")).isNull();
        assertThat(stored).as("only values count as stored handles").containsExactly("call-1=ended@7");
        append("call-3", "ended@9");
        append("call-3", null); // a tombstone another instance wrote
        repository.catchUp();
        assertThat(repository.getState("call-3")).isNull();
    }

    private void append(String key, String value) {
        log.add(new ConsumerRecord<>(TOPIC, 0, log.size(), key, value));
    }

    /** Mock clients over {@link #log}; the first {@code failingReaders} readers fail their first poll. */
    private final class Clients implements KafkaStateRepository.Clients {

        private final String policy;
        private final int failingReaders;
        private final RuntimeException failure;
        /** Consumers made so far, the first one (the end-offset reader) apart. */
        final AtomicInteger readers = new AtomicInteger(-1);

        Clients(String policy, int failingReaders) {
            this(policy, failingReaders, new KafkaException("broker gone"));
        }

        Clients(String policy, int failingReaders, RuntimeException failure) {
            this.policy = policy;
            this.failingReaders = failingReaders;
            this.failure = failure;
        }

        /** Whether the producer's sends are acknowledged at once. */
        boolean autoComplete = true;
        MockProducer<String, String> producer;

        @Override
        public Producer<String, String> producer() {
            producer = new MockProducer<>(autoComplete, null, new StringSerializer(), new StringSerializer());
            return producer;
        }

        @Override
        public Consumer<String, String> consumer() {
            LogConsumer c = new LogConsumer();
            if (readers.getAndIncrement() >= 0 && readers.get() <= failingReaders) {
                c.failure = failure;
            }
            return c;
        }

        @Override
        public String cleanupPolicy(String topic) {
            return policy;
        }
    }

    /** A consumer of {@link #log}: a poll hands out what was appended since, or waits a little like a broker. */
    private final class LogConsumer extends MockConsumer<String, String> {

        /** Thrown by the first poll. */
        RuntimeException failure;

        LogConsumer() {
            super("earliest");
            updatePartitions(TOPIC, List.of(new PartitionInfo(TOPIC, 0, null, null, null)));
            updateBeginningOffsets(Map.of(P0, 0L));
        }

        @Override
        public synchronized ConsumerRecords<String, String> poll(Duration timeout) {
            RuntimeException f = failure;
            if (f != null) {
                failure = null;
                throw f;
            }
            if (assignment().contains(P0)) {
                for (long o = position(P0); o < log.size(); o++) {
                    addRecord(log.get((int) o));
                }
            }
            ConsumerRecords<String, String> records = super.poll(timeout);
            if (records.isEmpty()) {
                try {
                    TimeUnit.MILLISECONDS.sleep(20); // a broker's poll waits for records: no busy loop
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
            return records;
        }

        @Override
        public synchronized Map<TopicPartition, Long> endOffsets(Collection<TopicPartition> partitions,
                Duration timeout) {
            return Map.of(P0, (long) log.size());
        }
    }
}
