package io.github.camelgeminilive.examples.kafka;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.TimeUnit;

import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.github.camelgeminilive.emulator.GeminiLiveEmulator;

/**
 * An ended call's records are skipped by a new owner of its partition (no fresh session replays them), and the
 * call's end marker goes from the handle topic (a tombstone) once the group's committed offset passed its end record,
 * so the markers do not pile up one per call ever made.
 */
class EndedCallsTest {

    /** The ended call's chunks before its end record, which is then at this offset of its partition. */
    private static final int ENDED_CHUNKS = 5;

    @TempDir
    Path dir;

    @Test
    void aNewOwnerSkipsAnEndedCallAndItsEndMarkerGoesOnceCommittedPast() throws Exception {
        String ended = "ended-0";
        String next = InputPartitions.find("next", ended, true);
        String later = InputPartitions.find("later", ended, true);
        try (EmbeddedKafka kafka = EmbeddedKafka.start(dir);
                GeminiLiveEmulator emulator = GeminiLiveEmulator.builder().pace(0).build().start();
                Callers callers = new Callers(kafka.bootstrapServers())) {
            kafka.createTopics(InputPartitions.COUNT, List.of(VoiceRoutes.INPUT, VoiceRoutes.OUTPUT),
                    List.of(VoiceRoutes.HANDLES));
            // a call another instance ended (its marker stored) before the group committed past it; its records are
            // written once the instance runs (a producer right after the topics' creation may meet partitions whose
            // leader is not ready yet), but the instance sees them for the first time all the same
            try (KafkaProducer<String, String> producer = new KafkaProducer<>(Map.of(
                    ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers(),
                    ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName(),
                    ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName()))) {
                producer.send(new ProducerRecord<>(VoiceRoutes.HANDLES, ended, HandleValues.ended(ENDED_CHUNKS)))
                        .get(30, TimeUnit.SECONDS);
            }
            try (VoiceInstance instance = VoiceInstance.start("instance-a", kafka.bootstrapServers(),
                    emulator.baseUrl().toString(), "emulator");
                    ReplyReader replies = new ReplyReader(kafka.bootstrapServers());
                    KafkaConsumer<String, String> handles = handleReader(kafka.bootstrapServers())) {
                callers.play(List.of(ended), ENDED_CHUNKS);
                callers.hangUp(List.of(ended));
                callers.play(List.of(next), 20); // a turn after the ended call's records, on its partition
                callers.hangUp(List.of(next));
                assertThat(replies.awaitClosed(List.of(next), Duration.ofSeconds(120))).isTrue();
                assertThat(emulator.admin().sessions()).as("sessions: the ended call's records opened none")
                        .hasSize(1);

                List<ConsumerRecord<String, String>> read = new ArrayList<>();
                await().atMost(Duration.ofSeconds(60)).until(() -> tombstoned(handles, read, ended));
                // the next record of the partition commits past the next call's end record: its marker goes too
                await().atMost(Duration.ofSeconds(60)).until(() -> {
                    callers.play(List.of(later), 1);
                    return tombstoned(handles, read, next);
                });
                assertThat(read).filteredOn(r -> r.key().equals(next)).extracting(ConsumerRecord::value)
                        .as("the next call's values: handles, its end marker, then the tombstone").last().isNull();
            }
        }
    }

    private static KafkaConsumer<String, String> handleReader(String bootstrapServers) {
        Properties p = new Properties();
        p.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        p.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
        p.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
        KafkaConsumer<String, String> consumer = new KafkaConsumer<>(p);
        List<TopicPartition> partitions = consumer.partitionsFor(VoiceRoutes.HANDLES).stream()
                .map(i -> new TopicPartition(VoiceRoutes.HANDLES, i.partition())).toList();
        consumer.assign(partitions);
        consumer.seekToBeginning(partitions);
        return consumer;
    }

    /** Reads on and tells whether the topic holds a tombstone for {@code call} after one of its values. */
    private static boolean tombstoned(KafkaConsumer<String, String> handles, List<ConsumerRecord<String, String>> read,
            String call) {
        handles.poll(Duration.ofMillis(200)).forEach(read::add);
        List<String> values = read.stream().filter(r -> r.key().equals(call)).map(ConsumerRecord::value).toList();
        return values.size() > 1 && values.get(values.size() - 1) == null;
    }
}
