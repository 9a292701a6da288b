package io.github.camelgeminilive.examples.filedrop;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.ByteArrayInputStream;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.github.camelgeminilive.audio.PcmStream;
import io.github.camelgeminilive.audio.WavReader;
import io.github.camelgeminilive.emulator.GeminiLiveEmulator;
import io.github.camelgeminilive.emulator.SessionInfo;

/**
 * A file longer than a connection lasts: the emulator ends every connection 6 s after its setup, with a goAway 3 s
 * ahead (the service's: 10 minutes, 1 minute ahead), so that the session has a second to find a safe point to move
 * at (the component's goAwayMargin is 2 s); the file plays for 7.2 s in real time. A connection takes sends for 3 s
 * before its goAway: time to catch up at the default pace (4/3) on the backlog of a move (1-2 s of audio), which a
 * connection of 1 s (a 4 s lifetime) is not: it moved before its replay was written and covered, and every
 * connection after it replayed the same audio again, paced. Its session moves to new
 * connections under it and the file completes: every sample in the session's state, at most a bounded part of it
 * twice, and every utterance answered once.
 */
class LongFileTest {

    /**
     * What a resume may send twice, per move, with the component's defaults (see its docs): the audio written in a
     * coverageLag (300 ms) at the catch-up pace (4/3), plus one chunk (100 ms).
     */
    private static final long MOST_DOUBLED_PER_MOVE = 16_000 * 300 / 1000 * 4 / 3 + 1600;

    @TempDir
    static Path dir;

    private static RunningFileDrop app;

    @BeforeAll
    static void start() throws Exception {
        app = RunningFileDrop.start(GeminiLiveEmulator.builder().pace(0).connectionLifetime(Duration.ofSeconds(6))
                .goAwayBefore(Duration.ofSeconds(3)), dir, Map.of("file-drop.settle", "1s"));
    }

    @AfterAll
    static void stop() {
        if (app != null) {
            app.close();
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
        SessionInfo s = app.emulator().admin().sessions().get(0);
        long doubled = s.audioSamplesInState() - samples;
        System.out.printf("long.wav: %d samples sent, %d in the session's state (%+d), %d connections%n", samples,
                s.audioSamplesInState(), doubled, s.connectionsOpened());
        s.connections().forEach(c -> System.out.printf("  connection %s: %d samples received%n", c.connectionId(),
                c.audioSamplesReceived()));
        List<TranscriptLines.Line> lines = folder.transcript("long.transcript.jsonl");
        lines.forEach(l -> System.out.printf("  %6.2f %-5s %s%n", l.t(), l.role(), l.text()));
        assertThat(app.emulator().admin().sessions()).hasSize(1);
        assertThat(s.connectionsOpened()).as("moved to new connections").isGreaterThan(1);
        // every utterance answered once: a user line, then the model's
        assertThat(lines).hasSize(8);
        for (int i = 0; i < lines.size(); i++) {
            assertThat(lines.get(i).role()).isEqualTo(i % 2 == 0 ? "user" : "model");
        }
        assertThat(s.audioSamplesInState()).as("no audio lost").isGreaterThanOrEqualTo(samples);
        assertThat(doubled).as("heard twice").isLessThanOrEqualTo(MOST_DOUBLED_PER_MOVE * (s.connectionsOpened() - 1));
        assertThat(folder.names(".error")).isEmpty();
    }
}
