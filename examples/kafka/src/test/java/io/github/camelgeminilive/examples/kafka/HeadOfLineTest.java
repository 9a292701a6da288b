package io.github.camelgeminilive.examples.kafka;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;

import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.github.camelgeminilive.emulator.GeminiLiveEmulator;
import io.github.camelgeminilive.emulator.SessionInfo;

/**
 * One call's backlog beyond its lane (its audio waited on Kafka, e.g. through a long takeover) holds back its own
 * partition only: a live call on another partition keeps real time, and the backlogged call's session still gets every
 * chunk once, in time. Before, the consumer waited for room in the full lane once per record, and the live call's
 * session was 14.5 s behind after 15 s (reviewer r15b's measurement).
 */
class HeadOfLineTest {

    /** Three times a lane: 30 s of audio. */
    private static final int BACKLOG_CHUNKS = 3 * CallLanes.MAX_PER_CALL;
    /** 15 s in real time. */
    private static final int LIVE_CHUNKS = 150;
    /** Generous for a busy 2-core machine; the consumer held up by the backlog made it about 15 s. */
    private static final double MOST_BEHIND_SECONDS = 5;

    @TempDir
    Path dir;

    @Test
    void aBackloggedCallHoldsUpNoLiveCallOfAnotherPartition() throws Exception {
        String backlog = "backlog-0";
        String live = InputPartitions.find("live", backlog, false);
        try (EmbeddedKafka kafka = EmbeddedKafka.start(dir);
                GeminiLiveEmulator emulator = GeminiLiveEmulator.builder().pace(1.0).build().start()) {
            kafka.createTopics(InputPartitions.COUNT, List.of(VoiceRoutes.INPUT, VoiceRoutes.OUTPUT),
                    List.of(VoiceRoutes.HANDLES));
            try (VoiceInstance instance = VoiceInstance.start("instance-a", kafka.bootstrapServers(),
                    emulator.baseUrl().toString(), "emulator");
                    ReplyReader replies = new ReplyReader(kafka.bootstrapServers());
                    Callers callers = new Callers(kafka.bootstrapServers())) {
                // produced once the instance runs (a producer right after the topics' creation may meet partitions
                // whose leader is not ready yet), far faster than real time: a backlog all the same
                Properties p = new Properties();
                p.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers());
                p.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
                p.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class.getName());
                try (KafkaProducer<String, byte[]> producer = new KafkaProducer<>(p)) {
                    for (int i = 0; i < BACKLOG_CHUNKS; i++) {
                        producer.send(new ProducerRecord<>(VoiceRoutes.INPUT, backlog,
                                new byte[Callers.CHUNK_SAMPLES * 2]));
                    }
                    producer.flush();
                }
                long sent = callers.play(List.of(live), LIVE_CHUNKS); // returns once the caller put them all
                Map<String, Long> received = new HashMap<>();
                for (SessionInfo s : emulator.admin().sessions()) {
                    received.put(s.sessionId(), s.audioSamplesReceived());
                }
                String liveSession = sessionOf(replies, live);
                double behind = (sent - received.getOrDefault(liveSession, 0L)) / (double) Callers.SAMPLE_RATE;
                System.out.printf("Live call: %.1f s behind its caller after %.1f s, beside a backlog of %d chunks"
                        + " on another partition%n", behind, sent / (double) Callers.SAMPLE_RATE, BACKLOG_CHUNKS);
                assertThat(behind).as("seconds the live call's session was behind its caller")
                        .isLessThan(MOST_BEHIND_SECONDS);

                // the backlog's partition was held back, not skipped: its session (silence: it never answers) gets
                // every chunk, once
                long backlogSamples = (long) BACKLOG_CHUNKS * Callers.CHUNK_SAMPLES;
                await().atMost(Duration.ofSeconds(180)).untilAsserted(() -> assertThat(emulator.admin().sessions())
                        .filteredOn(s -> !s.sessionId().equals(liveSession)).singleElement()
                        .extracting(SessionInfo::audioSamplesReceived).isEqualTo(backlogSamples));
            }
        }
    }

    /** The session of {@code call}, once it sent a reply. */
    private static String sessionOf(ReplyReader replies, String call) {
        await().atMost(Duration.ofSeconds(120)).until(() -> replies.replies().stream()
                .anyMatch(r -> r.call().equals(call)));
        return replies.replies().stream().filter(r -> r.call().equals(call)).findFirst().orElseThrow().sessionId();
    }
}
