package io.github.camelgeminilive.examples.kafka;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.BiConsumer;

import org.apache.camel.spi.StateRepository;
import org.apache.camel.support.service.ServiceSupport;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * A Camel {@link StateRepository} on a compacted Kafka topic, which every instance of the consumer group reaches:
 * the resumption handles of the calls, by call id. A write returns once the broker has it ({@code acks=all}), so
 * a handle is stored before anything relies on it; a read first catches up with the whole topic, so a new owner of
 * a call sees the handle the old owner stored last. An empty value is a removed entry (a compacted topic keeps the
 * newest value per key).
 */
public final class KafkaStateRepository extends ServiceSupport implements StateRepository<String, String> {

    private static final Duration CATCH_UP = Duration.ofSeconds(30);

    private final String bootstrapServers;
    private final String topic;
    /** Told of every value this instance stored, after the broker acknowledged it. */
    private final BiConsumer<String, String> stored;
    private final Map<String, String> values = new ConcurrentHashMap<>();
    /** The reader's position per partition after its latest poll. */
    private final Map<TopicPartition, Long> readUpTo = new ConcurrentHashMap<>();
    private KafkaProducer<String, String> producer;
    private KafkaConsumer<String, String> reader;
    private KafkaConsumer<String, String> ends;
    private List<TopicPartition> partitions;
    private Thread readerThread;
    private volatile boolean running;

    public KafkaStateRepository(String bootstrapServers, String topic, BiConsumer<String, String> stored) {
        this.bootstrapServers = bootstrapServers;
        this.topic = topic;
        this.stored = stored;
    }

    @Override
    protected void doStart() {
        Properties p = new Properties();
        p.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        p.put(ProducerConfig.ACKS_CONFIG, "all");
        p.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
        p.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
        producer = new KafkaProducer<>(p);
        reader = consumer();
        ends = consumer();
        partitions = reader.partitionsFor(topic).stream().map(i -> new TopicPartition(topic, i.partition())).toList();
        reader.assign(partitions);
        reader.seekToBeginning(partitions);
        running = true;
        readerThread = new Thread(this::read, "handles-" + topic);
        readerThread.setDaemon(true);
        readerThread.start();
    }

    private KafkaConsumer<String, String> consumer() {
        Properties p = new Properties();
        p.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        p.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
        p.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
        p.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
        return new KafkaConsumer<>(p);
    }

    private void read() {
        try {
            while (running) {
                for (ConsumerRecord<String, String> r : reader.poll(Duration.ofMillis(200))) {
                    if (r.value() == null || r.value().isEmpty()) {
                        values.remove(r.key());
                    } else {
                        values.put(r.key(), r.value());
                    }
                }
                for (TopicPartition tp : partitions) {
                    readUpTo.put(tp, reader.position(tp));
                }
                synchronized (readUpTo) {
                    readUpTo.notifyAll();
                }
            }
        } catch (WakeupException e) {
            // stopping
        } finally {
            reader.close();
        }
    }

    @Override
    public void setState(String key, String value) {
        try {
            producer.send(new ProducerRecord<>(topic, key, value)).get(CATCH_UP.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while storing the handle of " + key, e);
        } catch (ExecutionException | TimeoutException e) {
            throw new IllegalStateException("Could not store the handle of " + key + " on " + topic, e);
        }
        if (value.isEmpty()) {
            values.remove(key);
        } else {
            values.put(key, value);
        }
        stored.accept(key, value);
    }

    @Override
    public String getState(String key) {
        catchUp();
        return values.get(key);
    }

    /** Waits until the reader has read everything the topic held when called. */
    private void catchUp() {
        Map<TopicPartition, Long> end;
        synchronized (ends) {
            end = ends.endOffsets(partitions, CATCH_UP);
        }
        long deadline = System.nanoTime() + CATCH_UP.toNanos();
        synchronized (readUpTo) {
            while (end.entrySet().stream().anyMatch(e -> readUpTo.getOrDefault(e.getKey(), 0L) < e.getValue())) {
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    throw new IllegalStateException("Could not read " + topic + " up to its end within " + CATCH_UP);
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
            reader.wakeup();
            readerThread.join(CATCH_UP.toMillis());
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
}
