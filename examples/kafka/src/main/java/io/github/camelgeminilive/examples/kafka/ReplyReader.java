package io.github.camelgeminilive.examples.kafka;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.CopyOnWriteArrayList;

import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;

/** Reads {@link VoiceRoutes#OUTPUT} from its start on a thread of its own and keeps every reply it read. */
public final class ReplyReader implements AutoCloseable {

    /** One output record: its call, event type, session id, the instance that sent it, and when it was read. */
    public record Reply(String call, String event, String sessionId, String instance, byte[] body, long readNanos) {

        public String text() {
            return body == null ? "" : new String(body, StandardCharsets.UTF_8);
        }
    }

    private final KafkaConsumer<String, byte[]> consumer;
    private final List<Reply> replies = new CopyOnWriteArrayList<>();
    private final Thread thread;
    private volatile boolean running = true;

    public ReplyReader(String bootstrapServers) {
        Properties p = new Properties();
        p.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        p.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
        p.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
        p.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class.getName());
        consumer = new KafkaConsumer<>(p);
        List<TopicPartition> partitions = consumer.partitionsFor(VoiceRoutes.OUTPUT).stream()
                .map(i -> new TopicPartition(VoiceRoutes.OUTPUT, i.partition())).toList();
        consumer.assign(partitions);
        consumer.seekToBeginning(partitions);
        thread = new Thread(this::read, "replies");
        thread.setDaemon(true);
        thread.start();
    }

    private void read() {
        try {
            while (running) {
                for (ConsumerRecord<String, byte[]> r : consumer.poll(Duration.ofMillis(100))) {
                    replies.add(new Reply(r.key(), header(r, VoiceRoutes.EVENT), header(r, VoiceRoutes.SESSION_ID),
                            header(r, VoiceRoutes.INSTANCE), r.value(), System.nanoTime()));
                }
                synchronized (replies) {
                    replies.notifyAll();
                }
            }
        } catch (WakeupException e) {
            // closing
        } finally {
            consumer.close();
        }
    }

    private static String header(ConsumerRecord<?, ?> r, String name) {
        Header h = r.headers().lastHeader(name);
        return h == null ? null : new String(h.value(), StandardCharsets.UTF_8);
    }

    /** Waits until every one of {@code calls} has a {@code closed} reply; false if {@code timeout} passed first. */
    public boolean awaitClosed(List<String> calls, Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        synchronized (replies) {
            while (!calls.stream().allMatch(c -> replies.stream().anyMatch(r -> c.equals(r.call())
                    && "closed".equals(r.event())))) {
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    return false;
                }
                replies.wait(left / 1_000_000 + 1);
            }
        }
        return true;
    }

    /** Every reply read so far, in the order read. */
    public List<Reply> replies() {
        return List.copyOf(replies);
    }

    @Override
    public void close() throws InterruptedException {
        running = false;
        consumer.wakeup();
        thread.join(10_000);
    }
}
