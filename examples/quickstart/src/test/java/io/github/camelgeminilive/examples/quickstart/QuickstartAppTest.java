package io.github.camelgeminilive.examples.quickstart;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;

import javax.sound.sampled.AudioFileFormat;
import javax.sound.sampled.AudioFormat;
import javax.sound.sampled.AudioSystem;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The quick start end to end without a key: Camel Main, the gemini-live component and the embedded emulator. */
class QuickstartAppTest {

    @TempDir
    Path dir;

    @Test
    void withoutApiKeyRepliesFromEmbeddedEmulatorAndWritesPlayableWav() throws Exception {
        Path wav = dir.resolve("reply.wav");
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();

        int exitCode = QuickstartApp.run(QuickstartOptions.parse("--out", wav.toString(), "Hi", "there"), null,
                new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8));

        assertThat(exitCode).as("exit code, stderr: %s", err).isZero();
        String printed = out.toString(StandardCharsets.UTF_8);
        assertThat(printed)
                .contains("embedded Gemini Live emulator")
                .contains("Prompt:     Hi there")
                .contains("Transcript: You said: Hi there")
                .containsPattern("Tokens:     prompt \\d+, response \\d+, total \\d+");

        // the JDK's own WAV parser is the independent judge of the file
        AudioFileFormat file = AudioSystem.getAudioFileFormat(wav.toFile());
        AudioFormat format = file.getFormat();
        assertThat(file.getType()).isEqualTo(AudioFileFormat.Type.WAVE);
        assertThat(format.getSampleRate()).isEqualTo(24_000f);
        assertThat(format.getSampleSizeInBits()).isEqualTo(16);
        assertThat(format.getChannels()).isEqualTo(1);
        assertThat(format.isBigEndian()).isFalse();
        // about 70 ms of speech per character of "You said: Hi there"
        double seconds = file.getFrameLength() / (double) format.getSampleRate();
        assertThat(seconds).isGreaterThan(0.5);
    }

    @Test
    void unwritableOutputFailsWithExitCodeOneAndAClearMessage() throws Exception {
        Path wav = dir.resolve("missing-dir").resolve("reply.wav");
        ByteArrayOutputStream err = new ByteArrayOutputStream();

        int exitCode = QuickstartApp.run(QuickstartOptions.parse("--out", wav.toString(), "Hi"), null,
                new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));

        assertThat(exitCode).isEqualTo(1);
        assertThat(err.toString(StandardCharsets.UTF_8)).startsWith("Failed: ").contains("missing-dir");
        assertThat(wav).doesNotExist();
    }
}
