package io.github.camelgeminilive.emulator.sdk;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIf;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.github.camelgeminilive.emulator.GeminiLiveEmulator;

/**
 * Google's official JS SDK ({@code @google/genai}, pinned in {@code src/test/js/package-lock.json}) against the
 * emulator: {@code src/test/js/live-turns.mjs} completes a text turn and an audio turn on one session and prints each
 * turn as a JSON line. Skipped when {@code node} or {@code npm} is not on the PATH.
 *
 * <p>The SDK maps {@code http} to {@code ws}, so the emulator runs without TLS. It is given the base URL without a
 * path, from which it builds {@code //ws/...}: the path the emulator once answered with 404. The dependencies are
 * installed once per build with {@code npm ci} into {@code target/js-sdk-test}.
 *
 * <p>{@code @google/genai} 3.x declares Node.js 22 or later; on Node.js 20 {@code npm ci} warns (EBADENGINE) and the
 * Live API client runs all the same.
 */
@EnabledIf(value = "nodeAndNpmOnPath",
        disabledReason = "node and npm are not on the PATH: Google's JS SDK is not tried against the emulator")
class JsSdkCompatibilityTest {

    private static final String API_KEY = "js-sdk-compat-key";
    private static final Path SOURCES = Path.of("src", "test", "js");
    private static final Path WORK_DIR = Path.of("target", "js-sdk-test");
    private static final String SCRIPT = "live-turns.mjs";
    private static final long NPM_CI_TIMEOUT_SECONDS = 180;
    /** The script bounds each turn to 20 s itself; this bounds the process around it. */
    private static final long SCRIPT_TIMEOUT_SECONDS = 90;

    private static GeminiLiveEmulator emulator;

    @BeforeAll
    static void installSdkAndStartEmulator() throws Exception {
        Files.createDirectories(WORK_DIR);
        for (String file : List.of("package.json", "package-lock.json", SCRIPT)) {
            Files.copy(SOURCES.resolve(file), WORK_DIR.resolve(file), StandardCopyOption.REPLACE_EXISTING);
        }
        // install scripts are not needed to run the SDK and are not run
        Run npm = Run.of(Map.of(), NPM_CI_TIMEOUT_SECONDS,
                "npm", "ci", "--no-audit", "--no-fund", "--ignore-scripts", "--prefer-offline");
        assertThat(npm.exitCode()).as("npm ci in %s\n%s", WORK_DIR, npm.output()).isZero();
        emulator = GeminiLiveEmulator.builder().apiKey(API_KEY).pace(0.0).build().start();
    }

    @AfterAll
    static void stopEmulator() {
        if (emulator != null) {
            emulator.close();
        }
    }

    @Test
    void jsSdkCompletesATextTurnAndAnAudioTurn() throws Exception {
        String baseUrl = "http://127.0.0.1:" + emulator.port();
        Run script = Run.of(Map.of("EMULATOR_URL", baseUrl, "EMULATOR_API_KEY", API_KEY), SCRIPT_TIMEOUT_SECONDS,
                "node", SCRIPT);
        assertThat(script.exitCode()).as("node %s\n%s", SCRIPT, script.output()).isZero();

        List<JsonNode> turns = script.jsonLines();
        assertThat(turns).as(script.output()).extracting(t -> t.path("turn").asText()).containsExactly("text", "audio");

        JsonNode text = turns.get(0);
        assertThat(text.path("outputTranscript").asText()).isEqualTo("You said: Hello from the JS SDK");
        assertReplyAudio(text);

        JsonNode audio = turns.get(1);
        assertThat(audio.path("inputTranscript").asText()).as("VAD measured about one second of speech")
                .matches("\\[speech (0\\.9\\d|1\\.0\\d) s\\]");
        assertThat(audio.path("outputTranscript").asText()).isNotBlank();
        assertReplyAudio(audio);
    }

    private static void assertReplyAudio(JsonNode turn) {
        assertThat(turn.path("turnComplete").asBoolean()).isTrue();
        assertThat(turn.path("audioMimeTypes")).extracting(JsonNode::asText).containsExactly("audio/pcm;rate=24000");
        assertThat(turn.path("audioChunks").asInt()).isGreaterThan(1);
        // 16-bit mono at 24 kHz; the emulator speaks about 70 ms per transcript character
        long audioBytes = turn.path("audioBytes").asLong();
        assertThat(audioBytes % 2).isZero();
        assertThat(audioBytes / 2 * 1000 / 24_000).as("reply audio in ms")
                .isGreaterThan(turn.path("outputTranscript").asText().length() * 35L);
    }

    static boolean nodeAndNpmOnPath() {
        return onPath("node") && onPath("npm");
    }

    private static boolean onPath(String command) {
        String path = System.getenv("PATH");
        return path != null && Arrays.stream(path.split(File.pathSeparator))
                .anyMatch(dir -> !dir.isEmpty() && Files.isExecutable(Path.of(dir, command)));
    }

    /** A finished process in {@link #WORK_DIR}: its exit code and its output, stdout then stderr. */
    private record Run(int exitCode, String stdout, String stderr) {

        static Run of(Map<String, String> environment, long timeoutSeconds, String... command)
                throws IOException, InterruptedException {
            Path out = Files.createTempFile(WORK_DIR.toAbsolutePath(), "out", ".txt");
            Path err = Files.createTempFile(WORK_DIR.toAbsolutePath(), "err", ".txt");
            try {
                ProcessBuilder builder = new ProcessBuilder(command).directory(WORK_DIR.toFile())
                        .redirectOutput(out.toFile()).redirectError(err.toFile());
                // the SDK reads GOOGLE_* and GEMINI_* settings (Vertex AI mode, keys, base URL) a developer may set
                builder.environment().keySet().removeIf(k -> k.startsWith("GOOGLE_") || k.startsWith("GEMINI_"));
                builder.environment().putAll(environment);
                Process process = builder.start();
                process.getOutputStream().close();
                boolean exited = process.waitFor(timeoutSeconds, TimeUnit.SECONDS);
                if (!exited) {
                    process.descendants().forEach(ProcessHandle::destroyForcibly);
                    process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
                }
                String stderr = Files.readString(err);
                return new Run(exited ? process.exitValue() : -1, Files.readString(out),
                        exited ? stderr : stderr + "\n(killed after " + timeoutSeconds + " s)");
            } finally {
                Files.deleteIfExists(out);
                Files.deleteIfExists(err);
            }
        }

        /** For failure messages: never the API key, which the SDK puts in the URL's query. */
        String output() {
            return ("stdout:\n" + stdout + "\nstderr:\n" + stderr).replace(API_KEY, "<api key>");
        }

        List<JsonNode> jsonLines() throws IOException {
            ObjectMapper json = new ObjectMapper();
            List<JsonNode> lines = new ArrayList<>();
            for (String line : stdout.split("\n")) {
                if (line.startsWith("{")) {
                    lines.add(json.readTree(line));
                }
            }
            return lines;
        }
    }
}
