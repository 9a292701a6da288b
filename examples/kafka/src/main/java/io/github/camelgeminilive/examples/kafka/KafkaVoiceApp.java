package io.github.camelgeminilive.examples.kafka;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import io.github.camelgeminilive.examples.support.LiveBackend;

/**
 * The demo that {@code run.sh} starts: a Kafka node (KRaft) in this process, two instances of the pipeline in one
 * consumer group, and two callers talking for 12 s each; prints what each call heard back and which instance
 * served it. Without {@code GEMINI_API_KEY} the live sessions go to an emulator started here; with it, to Google.
 */
public final class KafkaVoiceApp {

    private KafkaVoiceApp() {
    }

    public static void main(String[] args) throws Exception {
        Path dir = Files.createTempDirectory("kafka-voice");
        try (LiveBackend backend = LiveBackend.fromEnvironment(); EmbeddedKafka kafka = EmbeddedKafka.start(dir)) {
            String baseUrl = backend.baseUrl();
            String apiKey = backend.apiKey();
            System.out.println("Kafka (KRaft) at " + kafka.bootstrapServers() + "; " + backend.describe());
            kafka.createTopics(4, List.of(VoiceRoutes.INPUT, VoiceRoutes.OUTPUT), List.of(VoiceRoutes.HANDLES));
            List<String> calls = List.of("call-1001", "call-1002");
            try (VoiceInstance a = VoiceInstance.start("instance-a", kafka.bootstrapServers(), baseUrl, apiKey);
                    VoiceInstance b = VoiceInstance.start("instance-b", kafka.bootstrapServers(), baseUrl, apiKey);
                    ReplyReader replies = new ReplyReader(kafka.bootstrapServers());
                    Callers callers = new Callers(kafka.bootstrapServers())) {
                System.out.println("Two instances in consumer group '" + VoiceRoutes.GROUP + "'; " + calls.size()
                        + " calls talk for 12 s...");
                callers.play(calls, 120);
                callers.hangUp(calls); // each session ends after the replies to what was said before
                if (!replies.awaitClosed(calls, Duration.ofSeconds(60))) {
                    System.out.println("Not every call ended within 60 s");
                }
                report(replies.replies());
            }
        }
    }

    private static void report(List<ReplyReader.Reply> replies) {
        Map<String, StringBuilder> heard = new TreeMap<>();
        Map<String, Long> audioBytes = new TreeMap<>();
        Map<String, String> servedBy = new TreeMap<>();
        for (ReplyReader.Reply r : replies) {
            servedBy.put(r.call(), r.instance());
            if ("audio".equals(r.event())) {
                audioBytes.merge(r.call(), (long) r.body().length, Long::sum);
            } else if ("outputTranscription".equals(r.event())) {
                heard.computeIfAbsent(r.call(), c -> new StringBuilder()).append(r.text());
            } else if ("turnComplete".equals(r.event())) {
                heard.computeIfAbsent(r.call(), c -> new StringBuilder()).append(" | ");
            }
        }
        servedBy.forEach((call, instance) -> System.out.printf("%s (served by %s): %.1f s of reply audio; heard: %s%n",
                call, instance, audioBytes.getOrDefault(call, 0L) / 48_000.0, heard.getOrDefault(call,
                        new StringBuilder())));
    }
}
