package io.github.camelgeminilive.benchmarks.load;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * The emulator as a child JVM ({@link MeasuringEmulator}: the emulator with a stopwatch on received frames), so that
 * its CPU and heap are not the client's; its admin API is reached over HTTPS on the same port.
 */
public final class EmulatorProcess implements AutoCloseable {

    static final String PASSWORD = "changeit";
    static final String READY = "gemini-live-emulator listening on ";
    private static final ObjectMapper JSON = new ObjectMapper();

    private final Process process;
    private final URI baseUrl;
    private final URI timings;
    private final Path trustStore;
    private final Tls tls;
    private final HttpClient http;

    private EmulatorProcess(Process process, URI baseUrl, URI timings, Path trustStore) {
        this.process = process;
        this.baseUrl = baseUrl;
        this.timings = timings;
        this.trustStore = trustStore;
        this.tls = trustStore == null ? null : Tls.trusting(trustStore, PASSWORD);
        HttpClient.Builder http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5));
        this.http = (tls == null ? http : http.sslContext(tls.context())).build();
    }

    /**
     * Starts the emulator in a JVM (the emulator's jar first on its class path, then this JVM's for the
     * {@link MeasuringEmulator} around it) and waits (at most 60 s) for its "listening on" line.
     *
     * @param jar        the emulator's shaded jar
     * @param tls        wss and https admin, or plain ws
     * @param jvmOptions for the emulator's JVM (e.g. a flight recording)
     */
    public static EmulatorProcess start(Path jar, Path workDir, boolean tls, String... jvmOptions) throws IOException {
        Files.createDirectories(workDir);
        Path trustStore = null;
        List<String> cmd = new java.util.ArrayList<>();
        cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        cmd.addAll(List.of(jvmOptions));
        cmd.addAll(List.of("-cp", jar + java.io.File.pathSeparator + System.getProperty("java.class.path"),
                MeasuringEmulator.class.getName()));
        if (tls) {
            trustStore = Files.createTempFile(workDir, "emulator-trust", ".p12");
            Files.delete(trustStore);
            cmd.addAll(List.of("--trust-store-out", trustStore.toString()));
        }
        Process p = new ProcessBuilder(cmd)
                .redirectError(ProcessBuilder.Redirect.appendTo(workDir.resolve("emulator-stderr.log").toFile()))
                .start();
        BufferedReader out = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8));
        String[] timings = new String[1];
        CompletableFuture<String> ready = CompletableFuture.supplyAsync(() -> {
            try {
                for (String line; (line = out.readLine()) != null;) {
                    if (line.startsWith(MeasuringEmulator.TIMINGS)) {
                        timings[0] = line.substring(MeasuringEmulator.TIMINGS.length()).trim();
                    } else if (line.startsWith(READY)) {
                        return line.substring(READY.length()).trim();
                    }
                }
                return null;
            } catch (IOException e) {
                return null;
            }
        });
        String url;
        try {
            url = ready.get(60, TimeUnit.SECONDS);
        } catch (TimeoutException | java.util.concurrent.ExecutionException e) {
            url = null;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            url = null;
        }
        if (url == null || timings[0] == null) {
            p.destroyForcibly();
            throw new IOException("The emulator did not start (see " + workDir.resolve("emulator-stderr.log") + ")");
        }
        return new EmulatorProcess(p, URI.create(url), URI.create(timings[0]), trustStore);
    }

    /** {@code wss://localhost:PORT}, or {@code ws://127.0.0.1:PORT} without TLS. */
    public URI baseUrl() {
        return baseUrl;
    }

    int port() {
        return baseUrl.getPort();
    }

    Path trustStore() {
        return trustStore;
    }

    Tls tls() {
        return tls;
    }

    long pid() {
        return process.pid();
    }

    /** CPU time the emulator's JVM has used so far. */
    Duration cpuTime() {
        return process.toHandle().info().totalCpuDuration().orElse(Duration.ZERO);
    }

    /** Audio samples received per session id, from {@code GET /emulator/sessions}. */
    Map<String, Long> audioSamplesReceived() throws IOException, InterruptedException {
        Map<String, Long> samples = new HashMap<>();
        for (JsonNode s : admin("GET", "/emulator/sessions")) {
            samples.put(s.path("sessionId").asText(), s.path("audioSamplesReceived").asLong());
        }
        return samples;
    }

    /** One session's counters. */
    JsonNode session(String sessionId) throws IOException, InterruptedException {
        return admin("GET", "/emulator/sessions/" + sessionId);
    }

    /** Forgets the frames received and replies sent so far; counting (and the order check) starts again. */
    void resetTimings() throws IOException, InterruptedException {
        call("POST", timings.resolve("/reset"));
    }

    /** Starts recording how long frames take to reach the emulator. */
    void measureTimings() throws IOException, InterruptedException {
        call("POST", timings.resolve("/measure"));
    }

    /** Stops recording frame receipts; what the emulator recorded since the last reset. */
    EmulatorStopwatch.Reading timings() throws IOException, InterruptedException {
        return JSON.treeToValue(call("GET", timings.resolve("/read")), EmulatorStopwatch.Reading.class);
    }

    /** {@code POST /emulator/sessions/{id}/goaway?timeLeft=...}. */
    void goAway(String sessionId, Duration timeLeft) throws IOException, InterruptedException {
        admin("POST", "/emulator/sessions/" + sessionId + "/goaway?timeLeft=" + timeLeft.toSeconds() + "s");
    }

    /** {@code POST /emulator/sessions/{id}/ACTION}: {@code drop}, {@code freeze}, {@code close?code=1011...}. */
    void fault(String sessionId, String action) throws IOException, InterruptedException {
        admin("POST", "/emulator/sessions/" + sessionId + "/" + action);
    }

    /** {@code POST /emulator/pong-delay?delay=...} (zero: immediate pongs). */
    void pongDelay(Duration delay) throws IOException, InterruptedException {
        admin("POST", "/emulator/pong-delay?delay=" + delay.toSeconds() + "s");
    }

    private JsonNode admin(String method, String path) throws IOException, InterruptedException {
        String scheme = tls == null ? "http://127.0.0.1:" : "https://localhost:";
        return call(method, URI.create(scheme + port() + path));
    }

    private JsonNode call(String method, URI uri) throws IOException, InterruptedException {
        HttpRequest request = HttpRequest.newBuilder(uri)
                .method(method, HttpRequest.BodyPublishers.noBody())
                .timeout(Duration.ofSeconds(30))
                .build();
        HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() / 100 != 2) {
            throw new IOException(method + " " + uri + " -> " + response.statusCode() + " " + response.body());
        }
        return response.body().isBlank() ? JSON.createObjectNode() : JSON.readTree(response.body());
    }

    @Override
    public void close() {
        process.destroy();
        try {
            if (!process.waitFor(10, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            }
            if (trustStore != null) {
                Files.deleteIfExists(trustStore);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            process.destroyForcibly();
        } catch (IOException e) {
            // a leftover temp file in target/ is harmless
        }
    }
}
