package io.github.camelgeminilive.examples.browser;

import static org.awaitility.Awaitility.await;

import java.io.File;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * Headless Chromium as a child process showing one page, its microphone a WAV file played in a loop, its permission
 * prompts answered yes, in a profile of its own, the page driven over the DevTools protocol ({@link #devTools()}).
 * {@link #close()} kills it with every process it started and deletes the profile.
 */
final class Chromium implements AutoCloseable {

    private static final Duration START = Duration.ofSeconds(60);
    private static final ObjectMapper JSON = new ObjectMapper();

    private final Process process;
    private final Path profile;
    private DevTools devTools;
    /** Kills the browser if the JVM ends before {@link #close()} (a test run interrupted with Ctrl-C or a timeout). */
    private final Thread killer;

    private Chromium(Process process, Path profile) {
        this.process = process;
        this.profile = profile;
        this.killer = new Thread(this::kill, "chromium-killer");
        Runtime.getRuntime().addShutdownHook(killer);
    }

    /** The browser binary: {@code CHROMIUM} if set, else the first of chromium, chromium-browser on the PATH. */
    static Optional<Path> find() {
        String configured = System.getenv("CHROMIUM");
        if (configured != null && !configured.isBlank()) {
            return Optional.of(Path.of(configured)).filter(Files::isExecutable);
        }
        String path = System.getenv().getOrDefault("PATH", "");
        return Stream.of(path.split(File.pathSeparator)).filter(dir -> !dir.isEmpty())
                .flatMap(dir -> Stream.of("chromium", "chromium-browser").map(name -> Path.of(dir, name)))
                .filter(Files::isExecutable).findFirst();
    }

    /**
     * Starts {@code binary} on {@code page} with {@code microphone} (a 16-bit PCM WAV) as its microphone and connects
     * to the page's DevTools; a browser that does not get that far is closed.
     */
    static Chromium open(Path binary, URI page, Path microphone) throws Exception {
        Chromium browser = launch(binary, page, microphone);
        try {
            browser.devTools = browser.page(page);
            return browser;
        } catch (Exception | Error e) {
            try {
                browser.close();
            } catch (IOException | RuntimeException closing) {
                e.addSuppressed(closing); // the failure to open is the one to report
            }
            throw e;
        }
    }

    private static Chromium launch(Path binary, URI page, Path microphone) throws IOException {
        Path profile = Files.createTempDirectory("chromium-profile");
        List<String> command = List.of(binary.toString(), "--headless",
                // the test runs as root in containers, where Chromium's sandbox cannot start; the page is our own
                "--no-sandbox", "--disable-gpu", "--no-first-run", "--no-default-browser-check",
                "--user-data-dir=" + profile, "--remote-debugging-port=0",
                "--use-fake-device-for-media-stream", "--use-fake-ui-for-media-stream",
                "--use-file-for-fake-audio-capture=" + microphone.toAbsolutePath(),
                "--autoplay-policy=no-user-gesture-required", "--window-size=900,640", page.toString());
        Process process = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(profile.resolve("chromium.log").toFile()).start();
        return new Chromium(process, profile);
    }

    /** The page's DevTools. */
    DevTools devTools() {
        return devTools;
    }

    /** Connects to the DevTools of the open page whose URL starts with {@code url}. */
    private DevTools page(URI url) throws Exception {
        // Chromium writes the port it chose to this file once DevTools listens
        Path portFile = profile.resolve("DevToolsActivePort");
        await().atMost(START).until(() -> !process.isAlive() || Files.isRegularFile(portFile)
                && Files.readAllLines(portFile).size() >= 2);
        if (!process.isAlive()) {
            throw new IllegalStateException("Chromium ended with " + process.exitValue() + ": " + log());
        }
        int port = Integer.parseInt(Files.readAllLines(portFile).get(0).trim());
        HttpClient http = HttpClient.newHttpClient();
        // DevTools may listen before the page's target is listed: ask until it is
        JsonNode target = await().atMost(START).alias("the page " + url + " among Chromium's targets")
                .until(() -> pageTarget(http, port, url), Optional::isPresent).orElseThrow();
        return DevTools.connect(http, URI.create(target.path("webSocketDebuggerUrl").asText()));
    }

    private static Optional<JsonNode> pageTarget(HttpClient http, int port, URI url) throws Exception {
        JsonNode targets = JSON.readTree(http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port
                + "/json/list")).build(), HttpResponse.BodyHandlers.ofString()).body());
        for (JsonNode target : targets) {
            if ("page".equals(target.path("type").asText()) && target.path("url").asText().startsWith(url.toString())) {
                return Optional.of(target);
            }
        }
        return Optional.empty();
    }

    /** Kills the browser and every process it started, and waits until they are gone. */
    private void kill() {
        // children first: once the browser process is gone they are no longer its descendants
        List<ProcessHandle> processes = new ArrayList<>(process.descendants().toList());
        processes.add(process.toHandle());
        processes.forEach(ProcessHandle::destroyForcibly);
        for (ProcessHandle p : processes) {
            try {
                p.onExit().get(10, TimeUnit.SECONDS);
            } catch (Exception e) {
                // killed forcibly: nothing more to wait for
            }
        }
    }

    /** What Chromium wrote to its stdout and stderr so far. */
    String log() throws IOException {
        Path log = profile.resolve("chromium.log");
        return Files.isRegularFile(log) ? Files.readString(log) : "";
    }

    @Override
    public void close() throws IOException {
        if (devTools != null) {
            devTools.close();
        }
        kill();
        try {
            Runtime.getRuntime().removeShutdownHook(killer);
        } catch (IllegalStateException e) {
            // the JVM is shutting down: the hook runs anyway
        }
        try (Stream<Path> files = Files.walk(profile)) {
            files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        }
    }
}
