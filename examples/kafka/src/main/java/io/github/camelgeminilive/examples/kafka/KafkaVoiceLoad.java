package io.github.camelgeminilive.examples.kafka;

import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

import com.sun.management.OperatingSystemMXBean;

import io.github.camelgeminilive.emulator.GeminiLiveEmulator;
import io.github.camelgeminilive.emulator.SessionInfo;

/**
 * How many calls one instance carries in real time (not part of the tests): {@code KafkaVoiceLoad <calls>
 * <seconds>} starts a Kafka node, the emulator and one instance in this JVM, plays {@code calls} callers for
 * {@code seconds}, and when the callers stop reports how far each call's audio is behind at the emulator (what
 * Kafka, the route and the session had not delivered yet) and the CPU used. Real time: every call within 200 ms.
 */
public final class KafkaVoiceLoad {

    private KafkaVoiceLoad() {
    }

    public static void main(String[] args) throws Exception {
        int calls = Integer.parseInt(args[0]);
        int seconds = Integer.parseInt(args[1]);
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < calls; i++) {
            ids.add("load-" + i);
        }
        try (GeminiLiveEmulator emulator = GeminiLiveEmulator.builder().pace(1.0).concurrentSessions(calls + 10)
                .build().start();
                EmbeddedKafka kafka = EmbeddedKafka.start(Files.createTempDirectory("kafka-voice-load"))) {
            kafka.createTopics(16, List.of(VoiceRoutes.INPUT, VoiceRoutes.OUTPUT), List.of(VoiceRoutes.HANDLES));
            try (VoiceInstance instance = VoiceInstance.start("load", kafka.bootstrapServers(),
                    emulator.baseUrl().toString(), "emulator");
                    Callers callers = new Callers(kafka.bootstrapServers())) {
                OperatingSystemMXBean os = (OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
                long cpu0 = os.getProcessCpuTime();
                long t0 = System.nanoTime();
                long sent = callers.play(ids, seconds * 1000 / Callers.CHUNK_MS);
                double cores = (os.getProcessCpuTime() - cpu0) / (double) (System.nanoTime() - t0);
                Map<String, Long> received = emulator.admin().sessions().stream()
                        .collect(Collectors.toMap(SessionInfo::sessionId, SessionInfo::audioSamplesReceived));
                List<Long> behindMs = new ArrayList<>(received.values().stream()
                        .map(r -> Math.max(0, sent - r) * 1000 / Callers.SAMPLE_RATE).toList());
                for (int i = received.size(); i < calls; i++) {
                    behindMs.add((long) seconds * 1000); // no session yet: all of it behind
                }
                Collections.sort(behindMs);
                Function<Double, Long> pct = q -> behindMs.get((int) Math.min(behindMs.size() - 1,
                        Math.ceil(q * behindMs.size()) - 1));
                System.out.printf("calls=%d seconds=%d behind_ms p50=%d p99=%d max=%d cores=%.2f real_time=%s%n",
                        calls, seconds, pct.apply(0.5), pct.apply(0.99), behindMs.get(behindMs.size() - 1), cores,
                        behindMs.get(behindMs.size() - 1) <= 200 ? "yes" : "no");
                System.out.flush();
            }
        }
    }
}
