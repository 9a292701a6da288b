package io.github.camelgeminilive.examples.kafka;

import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.BiConsumer;

import org.apache.camel.spi.StateRepository;
import org.apache.camel.support.service.ServiceSupport;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.Config;
import org.apache.kafka.clients.admin.ConfigEntry;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.config.ConfigResource;
import org.apache.kafka.common.config.TopicConfig;
import org.apache.kafka.common.errors.UnknownTopicOrPartitionException;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A Camel {@link StateRepository} on a compacted Kafka topic, which every instance of the consumer group reaches: the
 * resumption handles of the calls, by call id. A write returns at once; it is reported to {@code stored} once the
 * broker has it ({@code acks=all}), so nothing relies on a handle before it is stored. A reader thread follows the
 * topic; a read returns what it has read, and {@link #catchUp()} waits until that is everything stored so far: the
 * consumer group calls it once per assignment, before the new partitions' records, so a new owner of a call sees the
 * handle the old owner stored last without a round trip per call. An empty value (the component's removal) is written
 * as a tombstone, which compaction deletes; of two handles for a key, the one issued last is kept, whichever the
 * topic holds last. The topic must exist and be compacted: the start fails otherwise (a topic that deletes by age
 * would lose the handles of long calls). The reader survives a failing broker (or any other failure): it reads on from
 * where it was with a new consumer; while it cannot, a catch-up fails after its wait, saying why.
 */
public final class KafkaStateRepository extends ServiceSupport implements StateRepository<String, String> {

    private static final Logger LOG = LoggerFactory.getLogger(KafkaStateRepository.class);
    private static final Duration CATCH_UP = Duration.ofSeconds(30);
    private static final Duration SEND_BLOCK = Duration.ofSeconds(5);
    /** The pause before a failed reader reads again. */
    static final Duration RETRY = Duration.ofSeconds(1);

    /** The Kafka clients the repository works with. */
    interface Clients {
        Producer<String, String> producer();

        Consumer<String, String> consumer();

        /** The topic's {@code cleanup.policy}; fails clearly when the topic does not exist. */
        String cleanupPolicy(String topic);
    }

    private final Clients clients;
    private final String topic;
    /** Told of every value this instance stored, after the broker acknowledged it. */
    private final BiConsumer<String, String> stored;
    private final Duration catchUp;
    private final Map<String, String> values = new ConcurrentHashMap<>();
    /** Per key, its newest save not yet acknowledged. */
    private final Map<String, CompletableFuture<Void>> saving = new ConcurrentHashMap<>();
    private final AtomicLong failedSaves = new AtomicLong();
    /** The reader's position per partition after its latest poll. */
    private final Map<TopicPartition, Long> readUpTo = new ConcurrentHashMap<>();
    private Producer<String, String> producer;
    private volatile Consumer<String, String> reader;
    private Consumer<String, String> ends;
    private List<TopicPartition> partitions;
    private Thread readerThread;
    private volatile boolean running;
    /** Counted down when stopping: ends a back-off at once. */
    private volatile CountDownLatch stopping;
    /** Why the reader failed last, until it reads again; null while it reads. */
    private volatile RuntimeException readerFailure;
    private long readerFailures;

    public KafkaStateRepository(String bootstrapServers, String topic, BiConsumer<String, String> stored) {
        this(new BrokerClients(bootstrapServers), topic, stored, CATCH_UP);
    }

    KafkaStateRepository(Clients clients, String topic, BiConsumer<String, String> stored, Duration catchUp) {
        this.clients = clients;
        this.topic = topic;
        this.stored = stored;
        this.catchUp = catchUp;
    }

    @Override
    protected void doStart() {
        String policy = clients.cleanupPolicy(topic);
        if (!Arrays.asList(policy.split(",")).contains(TopicConfig.CLEANUP_POLICY_COMPACT)) {
            throw new IllegalStateException("The handle topic " + topic + " has cleanup.policy=" + policy
                    + ": it must be compacted (cleanup.policy=compact), so that it keeps each call's newest handle");
        }
        producer = clients.producer();
        producer.partitionsFor(topic); // the metadata, so that a save never waits for it
        ends = clients.consumer();
        partitions = ends.partitionsFor(topic).stream().map(i -> new TopicPartition(topic, i.partition()))
                .toList();
        running = true;
        stopping = new CountDownLatch(1);
        readerThread = new Thread(this::read, "handles-" + topic);
        readerThread.setDaemon(true);
        readerThread.start();
    }

    /** A consumer of every partition, from where the last one got to (from the start the first time). */
    private Consumer<String, String> newReader() {
        Consumer<String, String> c = clients.consumer();
        c.assign(partitions);
        c.seekToBeginning(partitions);
        readUpTo.forEach(c::seek);
        return c;
    }

    private void read() {
        try {
            while (running) {
                try {
                    if (reader == null) {
                        reader = newReader();
                    }
                    poll();
                    readerFailure = null;
                } catch (WakeupException e) {
                    throw e;
                } catch (RuntimeException e) { // whatever it is, a reader that stops would leave catch-ups hanging
                    failed(e);
                }
            }
        } catch (WakeupException | InterruptedException e) {
            // stopping
        } finally {
            close(reader);
        }
    }

    private void poll() {
        for (ConsumerRecord<String, String> r : reader.poll(Duration.ofMillis(200))) {
            hold(r.key(), r.value());
        }
        for (TopicPartition tp : partitions) {
            readUpTo.put(tp, reader.position(tp));
        }
        synchronized (readUpTo) {
            readUpTo.notifyAll();
        }
    }

    /** Drops the failed reader; after a pause, a new one reads on from where it got to. */
    private void failed(RuntimeException e) throws InterruptedException {
        readerFailure = e;
        readerFailures++;
        LOG.warn("Reading the handle topic {} failed ({} so far: {}); reading on in {} with a new consumer", topic,
                readerFailures, e.toString(), RETRY);
        close(reader);
        reader = null;
        stopping.await(RETRY.toNanos(), TimeUnit.NANOSECONDS); // a back-off that ends at once when stopping
    }

    private static void close(Consumer<String, String> consumer) {
        try {
            if (consumer != null) {
                consumer.close();
            }
        } catch (RuntimeException e) { // closed already, or the broker is gone: nothing left to release
            LOG.debug("Closing a reader of the handle topic: {}", e.toString());
        }
    }

    /**
     * Stores {@code value} for {@code key} without waiting for the broker (the component saves handles on the client's
     * event pool, which must not wait for {@code acks=all}): held here at once, sent, and reported to {@code stored}
     * once the broker acknowledged it, so that nothing relies on it before. A save that fails is logged and counted;
     * the call's chunks it would have covered stay uncommitted. {@link #saved} tells when a key's saves are done.
     */
    @Override
    public void setState(String key, String value) {
        // a removal (the component writes "") is a tombstone, which compaction deletes, not a value kept per key
        String kept = value == null || value.isEmpty() ? null : value;
        hold(key, kept);
        CompletableFuture<Void> done = new CompletableFuture<>();
        saving.put(key, done); // the newest: the producer completes one key's sends in order (one partition)
        try {
            producer.send(new ProducerRecord<>(topic, key, kept), (metadata, e) -> {
                if (e != null) {
                    LOG.warn("Could not store the handle of {} on {} ({} failed saves so far): {}", key, topic,
                            failedSaves.incrementAndGet(), e.toString());
                } else if (kept != null) {
                    stored.accept(key, kept);
                }
                saving.remove(key, done);
                done.complete(null);
            });
        } catch (RuntimeException e) { // e.g. the producer's buffer stayed full for max.block.ms
            saving.remove(key, done);
            done.complete(null);
            throw new IllegalStateException("Could not store the handle of " + key + " on " + topic + " ("
                    + failedSaves.incrementAndGet() + " failed saves so far)", e);
        }
    }

    /**
     * Marks {@code key} as ended by its end record at {@code offset}, in place of its handle: a new owner of its
     * partition skips its records up to there instead of replaying them into a fresh session.
     */
    public void ended(String key, long offset) {
        setState(key, HandleValues.ended(offset));
    }

    /** Removes {@code key}: held no more here, and a tombstone on the topic, which compaction then deletes. */
    public void remove(String key) {
        setState(key, null);
    }

    /** Completes once every save of {@code key} begun so far is acknowledged or failed. */
    public CompletableFuture<Void> saved(String key) {
        CompletableFuture<Void> pending = saving.get(key);
        return pending == null ? CompletableFuture.completedFuture(null) : pending;
    }

    /**
     * Holds {@code value} for {@code key}, unless it is a handle older than the one held: the reader may reach a
     * record written before this instance's own newer write, and an old owner's late write may follow a new owner's.
     * Nor does a handle replace an ended call's marker (an ended call is not resumed). A removal always applies.
     */
    private void hold(String key, String value) {
        if (value == null || value.isEmpty()) {
            values.remove(key);
        } else {
            values.merge(key, value, (held, v) -> HandleValues.older(v, held)
                    || (HandleValues.isEnded(held) && !HandleValues.isEnded(v)) ? held : v);
        }
    }

    /** What the reader has read for {@code key} (see {@link #catchUp()}), or this instance stored since. */
    @Override
    public String getState(String key) {
        return values.get(key);
    }

    /** Waits until the reader has read everything the topic held when called. */
    public void catchUp() {
        Map<TopicPartition, Long> end;
        synchronized (ends) {
            end = ends.endOffsets(partitions, catchUp);
        }
        long deadline = System.nanoTime() + catchUp.toNanos();
        synchronized (readUpTo) {
            while (end.entrySet().stream().anyMatch(e -> readUpTo.getOrDefault(e.getKey(), 0L) < e.getValue())) {
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    RuntimeException why = readerFailure;
                    throw new IllegalStateException("Could not read " + topic + " up to its end within " + catchUp
                            + (why == null ? "" : "; reading it fails: " + why), why);
                }
                try {
                    readUpTo.wait(TimeUnit.NANOSECONDS.toMillis(left) + 1);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new IllegalStateException("Interrupted while reading " + topic, e);
                }
            }
        }
    }

    @Override
    protected void doStop() throws InterruptedException {
        running = false;
        if (readerThread != null) {
            stopping.countDown();
            Consumer<String, String> r = reader;
            if (r != null) {
                r.wakeup();
            }
            readerThread.join(catchUp.toMillis());
        }
        if (ends != null) {
            synchronized (ends) {
                ends.close();
            }
        }
        if (producer != null) {
            producer.close();
        }
    }

    /** The clients of a real Kafka cluster. */
    private record BrokerClients(String bootstrapServers) implements Clients {

        @Override
        public Producer<String, String> producer() {
            Properties p = new Properties();
            p.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
            p.put(ProducerConfig.ACKS_CONFIG, "all");
            // a save does not wait longer for room in the buffer (or the metadata): it fails, and is counted
            p.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, String.valueOf(SEND_BLOCK.toMillis()));
            p.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
            p.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
            return new KafkaProducer<>(p);
        }

        @Override
        public Consumer<String, String> consumer() {
            Properties p = new Properties();
            p.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
            p.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
            p.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
            p.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
            return new KafkaConsumer<>(p);
        }

        @Override
        public String cleanupPolicy(String topic) {
            ConfigResource resource = new ConfigResource(ConfigResource.Type.TOPIC, topic);
            try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers))) {
                Config config = admin.describeConfigs(List.of(resource)).all()
                        .get(CATCH_UP.toMillis(), TimeUnit.MILLISECONDS).get(resource);
                ConfigEntry policy = config.get(TopicConfig.CLEANUP_POLICY_CONFIG);
                return policy == null ? TopicConfig.CLEANUP_POLICY_DELETE : policy.value();
            } catch (ExecutionException e) {
                if (e.getCause() instanceof UnknownTopicOrPartitionException) {
                    throw new IllegalStateException("The handle topic " + topic + " does not exist: create it with"
                            + " cleanup.policy=compact", e.getCause());
                }
                throw new IllegalStateException("Could not read the configuration of the handle topic " + topic,
                        e.getCause());
            } catch (TimeoutException e) {
                throw new IllegalStateException("Could not read the configuration of the handle topic " + topic
                        + " within " + CATCH_UP, e);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("Interrupted while checking the handle topic " + topic, e);
            }
        }
    }
}
