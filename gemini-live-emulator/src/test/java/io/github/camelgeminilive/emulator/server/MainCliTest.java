package io.github.camelgeminilive.emulator.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.github.camelgeminilive.emulator.Main;

/** The command line, run as a real process. */
class MainCliTest {

    private static final Pattern LISTENING = Pattern.compile("gemini-live-emulator listening on (wss?://\\S+)");

    @TempDir
    Path dir;

    @Test
    void printsTheListeningLineAndServes() throws Exception {
        Process p = start("--port", "0", "--api-key", "cli-key", "--pace", "0");
        try {
            URI base = awaitListening(p);
            assertThat(base.toString()).matches("ws://127\\.0\\.0\\.1:\\d+");
            URI endpoint = URI.create(base + "/ws/google.ai.generativelanguage.v1beta.GenerativeService"
                    + ".BidiGenerateContent");
            try (WsTestClient c = WsTestClient.connect(endpoint, Map.of("x-goog-api-key", "cli-key"))) {
                c.send(Frames.setup(Frames.NATIVE_AUDIO));
                assertThat(c.next().setupComplete().sessionId()).isNotBlank();
            }
        } finally {
            p.destroy();
            p.waitFor(10, TimeUnit.SECONDS);
        }
    }

    @Test
    void tlsWritesTheTrustStore() throws Exception {
        Path store = dir.resolve("trust.p12");
        Process p = start("--port", "0", "--tls", "--trust-store-out", store.toString(), "--trust-store-password",
                "pw123456");
        try {
            URI base = awaitListening(p);
            assertThat(base.toString()).matches("wss://localhost:\\d+");
            HttpClient http = HttpClient.newBuilder().sslContext(TlsTest.trusting(store, "pw123456")).build();
            URI endpoint = URI.create(base + "/ws/google.cloud.aiplatform.v1beta1.LlmBidiService/BidiGenerateContent");
            try (WsTestClient c = WsTestClient.connect(http, endpoint, Map.of("Authorization", "Bearer t"))) {
                c.send(Frames.setup(Frames.NATIVE_AUDIO));
                assertThat(c.next().setupComplete().sessionId()).isNotBlank();
            }
        } finally {
            p.destroy();
            p.waitFor(10, TimeUnit.SECONDS);
        }
    }

    @Test
    void limitsAreSetOnTheCommandLine() throws Exception {
        Process p = start("--port", "0", "--pace", "0", "--connection-lifetime", "1.5s", "--go-away-before", "1",
                "--concurrent-sessions", "1");
        try {
            URI endpoint = URI.create(awaitListening(p) + "/ws/google.ai.generativelanguage.v1beta.GenerativeService"
                    + ".BidiGenerateContent");
            try (WsTestClient first = WsTestClient.connect(endpoint, Map.of("x-goog-api-key", "k"));
                    WsTestClient second = WsTestClient.connect(endpoint, Map.of("x-goog-api-key", "k"))) {
                first.send(Frames.setup(Frames.NATIVE_AUDIO));
                first.next();
                second.send(Frames.setup(Frames.NATIVE_AUDIO));
                assertThat(second.awaitClose().code()).as("one session too many").isEqualTo(1011);
                assertThat(first.next(m -> m.goAway() != null).goAway().timeLeft()).isEqualTo(Duration.ofSeconds(1));
                assertThat(first.awaitClose().code()).isEqualTo(1000);
            }
        } finally {
            p.destroy();
            p.waitFor(10, TimeUnit.SECONDS);
        }
    }

    @Test
    void aNegativeLimitIsAUsageError() throws Exception {
        Process p = start("--port", "0", "--audio-session-length", "-5s");
        assertThat(p.waitFor(30, TimeUnit.SECONDS)).isTrue();
        assertThat(p.exitValue()).isEqualTo(2);
        String err = new String(p.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(err).contains("audioSessionLength must be zero (off) or positive").contains("usage:");
    }

    @Test
    void unknownOptionPrintsUsageAndExitsWith2() throws Exception {
        Process p = start("--port", "0", "--colour", "blue");
        assertThat(p.waitFor(30, TimeUnit.SECONDS)).isTrue();
        assertThat(p.exitValue()).isEqualTo(2);
        String err = new String(p.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(err).contains("unknown option --colour").contains("usage:").contains("--trust-store-out");
        assertThat(new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8)).isEmpty();
    }

    @Test
    void unreadableScenarioIsReportedWithoutAStackTrace() throws Exception {
        Path missing = dir.resolve("missing.yaml");
        Process p = start("--port", "0", "--script", missing.toString());
        assertThat(p.waitFor(30, TimeUnit.SECONDS)).isTrue();
        assertThat(p.exitValue()).isEqualTo(1);
        String err = new String(p.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(err).contains("missing.yaml").doesNotContain("\tat ");
    }

    @Test
    void maxMessageBytesLimitsClientMessages() throws Exception {
        Process p = start("--port", "0", "--max-message-bytes", "1000");
        try {
            URI endpoint = URI.create(awaitListening(p) + "/ws/google.ai.generativelanguage.v1beta.GenerativeService"
                    + ".BidiGenerateContent");
            try (WsTestClient c = WsTestClient.connect(endpoint, Map.of("x-goog-api-key", "k"))) {
                c.send(Frames.setup(Frames.NATIVE_AUDIO));
                c.next().setupComplete();
                c.send(Frames.text("x".repeat(1000)));
                assertThat(c.awaitClose().code()).isEqualTo(1009);
            }
        } finally {
            p.destroy();
            p.waitFor(10, TimeUnit.SECONDS);
        }
    }

    private static Process start(String... args) throws Exception {
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java")
                .toString(), "-cp", System.getProperty("java.class.path"), Main.class.getName()));
        command.addAll(List.of(args));
        return new ProcessBuilder(command).start();
    }

    private static URI awaitListening(Process p) throws Exception {
        BufferedReader out = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8));
        String line = CompletableFuture.supplyAsync(() -> {
            try {
                return out.readLine();
            } catch (java.io.IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        }).get(30, TimeUnit.SECONDS);
        assertThat(line).as("first stdout line").isNotNull();
        Matcher m = LISTENING.matcher(line);
        assertThat(m.matches()).as("'%s' is the listening line", line).isTrue();
        return URI.create(m.group(1));
    }
}
