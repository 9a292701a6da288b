package io.github.camelgeminilive.examples.kafka;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import io.github.camelgeminilive.component.GeminiLiveConfiguration;
import io.github.camelgeminilive.emulator.GeminiLiveEmulator;

/**
 * The demo that {@code run.sh} starts: a Kafka node (KRaft) in this process, two instances of the pipeline in one
 * consumer group, and two callers talking for 12 s each; prints what each call heard back and which instance
 * served it. Without {@code GEMINI_API_KEY} the live sessions go to an emulator started here; with it, to Google.
 */
public final class KafkaVoiceApp {

    private KafkaVoiceApp() {
    }

    public static void main(String[] args) throws Exception {
        String key = System.getenv("GEMINI_API_KEY");
        boolean google = key != null && !key.isBlank();
        Path dir = Files.createTempDirectory("kafka-voice");
        try (GeminiLiveEmulator emulator = google ? null : GeminiLiveEmulator.builder().pace(1.0).build().start();
                EmbeddedKafka kafka = EmbeddedKafka.start(dir)) {
            String baseUrl = google ? GeminiLiveConfiguration.DEFAULT_BASE_URL : emulator.baseUrl().toString();
            System.out.println("Kafka (KRaft) at " + kafka.bootstrapServers() + "; Gemini Live at " + baseUrl
                    + (google ? " (GEMINI_API_KEY is set)" : " (embedded emulator; set GEMINI_API_KEY for Google)"));
            kafka.createTopics(4, List.of(VoiceRoutes.INPUT, VoiceRoutes.OUTPUT), List.of(VoiceRoutes.HANDLES));
            String apiKey = google ? key.strip() : "emulator";
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
