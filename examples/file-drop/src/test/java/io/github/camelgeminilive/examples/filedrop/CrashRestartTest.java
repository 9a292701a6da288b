package io.github.camelgeminilive.examples.filedrop;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.ByteArrayInputStream;
import java.io.File;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.github.camelgeminilive.audio.PcmStream;
import io.github.camelgeminilive.audio.WavReader;
import io.github.camelgeminilive.emulator.GeminiLiveEmulator;
import io.github.camelgeminilive.emulator.SessionInfo;

/**
 * The file drop as a process of its own ({@code FileDropApp BASE_URL}) killed mid-file
 * ({@code Process.destroyForcibly}, no shutdown): the file stays in the folder with no lock and no reply, and the
 * next start processes it once, from its start, to one reply WAV, one transcript and the input in {@code .done}.
 */
class CrashRestartTest {

    @TempDir
    static Path dir;

    private static GeminiLiveEmulator emulator;
    private Process app;

    @BeforeAll
    static void startEmulator() {
        emulator = GeminiLiveEmulator.builder().pace(0).build().start();
    }

    @AfterAll
    static void stopEmulator() {
        if (emulator != null) {
            emulator.close();
        }
    }

    @Test
    void aFileInFlightWhenTheProcessIsKilledIsProcessedOnceByTheNextStart() throws Exception {
        DropFolder folder = new DropFolder(dir.resolve("drop"));
        byte[] wav = DropFolder.hellos(3, 800); // 3 turns, 5.4 s in real time
        long samples;
        try (PcmStream pcm = WavReader.read(new ByteArrayInputStream(wav))) {
            samples = pcm.pcm().readAllBytes().length / 2;
        }
        folder.drop("message.wav", wav);

        long startedAt = System.nanoTime();
        app = start("first");
        // a second of the file has reached its session: kill the process mid-file
        await().atMost(Duration.ofSeconds(60)).until(() -> emulator.admin().sessions().stream()
                .anyMatch(s -> s.audioSamplesReceived() >= 16_000));
        long killedAt = System.nanoTime();
        app.destroyForcibly().waitFor(30, TimeUnit.SECONDS);
        SessionInfo killed = emulator.admin().sessions().get(0);
        System.out.printf("Killed %.1f s after the start, %.2f s of the file's %.2f s sent%n",
                (killedAt - startedAt) / 1e9, killed.audioSamplesReceived() / 16_000.0, samples / 16_000.0);
        assertThat(killed.audioSamplesReceived()).as("killed mid-file").isLessThan(samples);
        // the file is where it was: no reply, no lock; only the hidden parts of the reply it was writing
        assertThat(folder.names("")).filteredOn(n -> !n.startsWith(".")).containsExactly("message.wav");
        assertThat(folder.names(".done")).isEmpty();
        assertThat(folder.names(".error")).isEmpty();

        long restartedAt = System.nanoTime();
        app = start("second");
        await().atMost(Duration.ofSeconds(60)).until(() -> folder.names(".done").contains("message.wav"));
        long doneAt = System.nanoTime();
        stop(app);

        List<SessionInfo> sessions = emulator.admin().sessions();
        SessionInfo second = sessions.get(1);
        System.out.printf("Restarted: the file done %.1f s later; sessions: killed %d samples, second %d of %d%n",
                (doneAt - restartedAt) / 1e9, killed.audioSamplesInState(), second.audioSamplesInState(), samples);
        assertThat(sessions).as("the killed run's session and one more").hasSize(2);
        assertThat(second.audioSamplesInState()).as("the whole file, once").isEqualTo(samples);
        assertThat(folder.names("")).isEqualTo(Set.of("message.reply.wav", "message.transcript.jsonl"));
        assertThat(folder.names(".done")).isEqualTo(Set.of("message.wav"));
        assertThat(folder.names(".error")).isEmpty();
        assertThat(folder.transcript("message.transcript.jsonl")).extracting(TranscriptLines.Line::role)
                .containsExactly("user", "model", "user", "model", "user", "model");
    }

    /** The file drop in a JVM of its own, on the folder, against the emulator; its output in target/NAME.log. */
    private static Process start(String name) throws IOException {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        File log = Path.of("target", "crash-restart-" + name + ".log").toFile(); // kept for a look after a failure
        // C1 only: the JVM starts sooner, and real-time audio needs no more
        ProcessBuilder pb = new ProcessBuilder(java, "-XX:TieredStopAtLevel=1",
                "-Dfile-drop.dir=" + dir.resolve("drop"),
                "-Dfile-drop.settle=1s", "-cp", System.getProperty("java.class.path"), FileDropApp.class.getName(),
                emulator.baseUrl().toString());
        pb.environment().remove("GEMINI_API_KEY"); // the emulator takes any key: a real one stays out of it
        return pb.redirectErrorStream(true).redirectOutput(log).start();
    }

    /** A polite stop (SIGTERM): Camel shuts down; then no session can start behind the test's back. */
    private static void stop(Process p) throws InterruptedException {
        p.destroy();
        if (!p.waitFor(30, TimeUnit.SECONDS)) {
            p.destroyForcibly().waitFor(30, TimeUnit.SECONDS);
        }
    }

    @AfterEach
    void killApp() throws InterruptedException {
        if (app != null) {
            app.destroyForcibly().waitFor(30, TimeUnit.SECONDS);
        }
    }
}
