package io.github.camelgeminilive.examples.filedrop;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Set;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.github.camelgeminilive.emulator.GeminiLiveEmulator;

/**
 * The parts of replies a killed run left, whose input was removed before the next start (so no run overwrites
 * them), are deleted when the file drop starts; other hidden files (a copy in progress) stay.
 */
class LeftPartsTest {

    @TempDir
    Path dir;

    @Test
    void theNextStartDeletesThePartsOfRepliesAKilledRunLeft() throws Exception {
        DropFolder folder = new DropFolder(dir.resolve("drop"));
        Files.createDirectories(folder.dir());
        for (String name : new String[] {".gone.reply.wav.part", ".gone.transcript.jsonl.part", ".copy.wav.part"}) {
            Files.write(folder.dir().resolve(name), new byte[100]);
        }

        try (RunningFileDrop app = RunningFileDrop.start(GeminiLiveEmulator.builder().pace(0), folder.dir(),
                Map.of())) {
            assertThat(folder.names("")).isEqualTo(Set.of(".copy.wav.part"));
        }
    }
}
