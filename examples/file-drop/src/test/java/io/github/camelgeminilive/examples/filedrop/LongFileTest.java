package io.github.camelgeminilive.examples.filedrop;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.ByteArrayInputStream;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import org.apache.camel.main.Main;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.github.camelgeminilive.audio.PcmStream;
import io.github.camelgeminilive.audio.WavReader;
import io.github.camelgeminilive.emulator.GeminiLiveEmulator;
import io.github.camelgeminilive.emulator.SessionInfo;

/**
 * A file longer than a connection lasts: the emulator ends every connection 3 s after its setup (goAway 2 s
 * ahead), and the file plays for 7 s in real time. Its session moves to new connections under it and the file
 * completes, with every sample in the session's state and every turn answered.
 */
class LongFileTest {

    /** The component's coverageLag (default): what a resume may send twice, per move (see its docs). */
    private static final long MOST_DOUBLED_PER_MOVE = 16_000 * 300 / 1000 + 1600;

    @TempDir
    static Path dir;

    private static GeminiLiveEmulator emulator;
    private static Main main;

    @BeforeAll
    static void start() throws Exception {
        emulator = GeminiLiveEmulator.builder().pace(0).connectionLifetime(Duration.ofSeconds(3))
                .goAwayBefore(Duration.ofSeconds(2)).build().start();
        main = FileDropApp.main("file-drop-test-key", emulator.baseUrl().toString());
        main.addOverrideProperty("file-drop.dir", dir.toString());
        main.addOverrideProperty("file-drop.settle", "1s");
        main.start();
    }

    @AfterAll
    static void stop() {
        if (main != null) {
            main.stop();
        }
        if (emulator != null) {
            emulator.close();
        }
    }

    @Test
    void aFileLongerThanAConnectionCompletesOnTheConnectionsItsSessionMovesTo() throws Exception {
        DropFolder folder = new DropFolder(dir);
        byte[] wav = DropFolder.hellos(4, 800); // 4 turns, 7.2 s
        long samples;
        try (PcmStream pcm = WavReader.read(new ByteArrayInputStream(wav))) {
            samples = pcm.pcm().readAllBytes().length / 2;
        }
        folder.drop("long.wav", wav);

        await().atMost(Duration.ofSeconds(90)).until(() -> folder.names(".done").contains("long.wav"));
        SessionInfo s = emulator.admin().sessions().get(0);
        long doubled = s.audioSamplesInState() - samples;
        System.out.printf("long.wav: %d samples sent, %d in the session's state (%+d), %d connections%n", samples,
                s.audioSamplesInState(), doubled, s.connectionsOpened());
        assertThat(emulator.admin().sessions()).hasSize(1);
        assertThat(s.connectionsOpened()).as("moved to new connections").isGreaterThan(1);
        assertThat(s.audioSamplesInState()).as("no audio lost").isGreaterThanOrEqualTo(samples);
        assertThat(doubled).as("heard twice").isLessThanOrEqualTo(MOST_DOUBLED_PER_MOVE * (s.connectionsOpened()
                - 1));
        List<TranscriptLines.Line> lines = folder.transcript("long.transcript.jsonl");
        assertThat(lines).extracting(TranscriptLines.Line::role).containsExactly("user", "model", "user", "model",
                "user", "model", "user", "model");
        assertThat(folder.names(".error")).isEmpty();
    }
}
