package io.github.camelgeminilive.examples.filedrop;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Set;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.github.camelgeminilive.emulator.GeminiLiveEmulator;

/**
 * Ctrl-C (Camel's graceful shutdown) while a file is in flight: the file gets {@code camel.main.shutdown-timeout}
 * (10 s) to finish, so a 3.6 s file whose audio is reaching its session ends with its reply and in {@code .done}.
 */
class PoliteStopTest {

    @TempDir
    Path dir;

    @Test
    void aFileInFlightWhenCamelStopsFinishesWithItsReply() throws Exception {
        DropFolder folder = new DropFolder(dir.resolve("drop"));
        try (RunningFileDrop app = RunningFileDrop.start(GeminiLiveEmulator.builder().pace(0), folder.dir(),
                Map.of("file-drop.settle", "1s"))) {
            folder.drop("message.wav", DropFolder.hellos(2, 800)); // 2 turns, 3.6 s in real time
            await().atMost(Duration.ofSeconds(60)).until(() -> app.emulator().admin().sessions().stream()
                    .anyMatch(s -> s.audioSamplesReceived() > 0));

            long stopping = System.nanoTime();
            app.main().stop();
            System.out.printf("Stopped in %.1f s%n", (System.nanoTime() - stopping) / 1e9);

            assertThat(folder.names(".done")).isEqualTo(Set.of("message.wav"));
            assertThat(folder.names("")).isEqualTo(Set.of("message.reply.wav", "message.transcript.jsonl"));
            assertThat(folder.transcript("message.transcript.jsonl")).extracting(TranscriptLines.Line::role)
                    .containsExactly("user", "model", "user", "model");
        }
    }
}
