package io.github.camelgeminilive.examples.kafka;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.github.camelgeminilive.emulator.GeminiLiveEmulator;
import io.github.camelgeminilive.emulator.SessionInfo;

/**
 * Many calls starting at once, each session's handshake slow: the consumer hands each call's chunks to its session
 * without waiting for the other calls' sessions to connect, and each session still gets every chunk of its call.
 */
class NewCallsTest {

    private static final int CALLS = 20;
    private static final int CHUNKS = 20;
    /** Far longer than it takes the consumer to read the calls' first chunks, however busy the machine. */
    private static final Duration SETUP_DELAY = Duration.ofSeconds(5);

    @TempDir
    Path dir;

    @Test
    void aNewCallsSessionConnectsWithoutWaitingForTheOtherCallsHandshakes() throws Exception {
        List<String> calls = IntStream.range(0, CALLS).mapToObj(i -> "new-call-" + i).toList();
        try (EmbeddedKafka kafka = EmbeddedKafka.start(dir);
                GeminiLiveEmulator emulator = GeminiLiveEmulator.builder().pace(0).setupDelay(SETUP_DELAY).build()
                        .start()) {
            kafka.createTopics(4, List.of(VoiceRoutes.INPUT, VoiceRoutes.OUTPUT), List.of(VoiceRoutes.HANDLES));
            try (VoiceInstance instance = VoiceInstance.start("instance-a", kafka.bootstrapServers(),
                    emulator.baseUrl().toString(), "emulator");
                    ReplyReader replies = new ReplyReader(kafka.bootstrapServers());
                    Callers callers = new Callers(kafka.bootstrapServers())) {
                CompletableFuture<Long> played = CompletableFuture.supplyAsync(() -> {
                    try {
                        return callers.play(calls, CHUNKS);
                    } catch (Exception e) {
                        throw new IllegalStateException(e);
                    }
                });
                // a consumer that waited for each session's handshake would start the last call's connection only
                // after the 19 others' handshakes (95 s): every call starts connecting before any is set up
                await().atMost(Duration.ofSeconds(60)).until(() -> emulator.admin().connectionAttempts() >= CALLS);
                int setUp = emulator.admin().sessions().size();
                System.out.printf("%d calls connecting at once; sessions set up by then: %d%n", CALLS, setUp);
                assertThat(setUp).as("sessions set up before the last call started connecting").isLessThan(CALLS / 2);

                long sent = played.get(120, TimeUnit.SECONDS);
                callers.hangUp(calls);
                assertThat(replies.awaitClosed(calls, Duration.ofSeconds(120))).as("every call ended").isTrue();
                // the emulator reads a session's last chunks a moment after the client closed it
                await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> {
                    List<SessionInfo> sessions = emulator.admin().sessions();
                    assertThat(sessions).hasSize(CALLS);
                    assertThat(sessions).as("each session has every chunk of its call")
                            .allSatisfy(s -> assertThat(s.audioSamplesInState()).isEqualTo(sent));
                });
            }
        }
    }
}
