package io.github.camelgeminilive.benchmarks.load;

import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;

import jdk.jfr.Configuration;
import jdk.jfr.Recording;

/**
 * The load driver (no JMH). One client per JVM, so threads, heap and JIT of one do not colour the other:
 *
 * <pre>
 * java -cp benchmarks.jar io.github.camelgeminilive.benchmarks.load.LoadDriver \
 *     --client ours|ours-plain|ours-resilient|camel|camel-defaults|camel-defaults-pooled|camel-calls \
 *              |camel-floor|camel-floor-plain|sdk|sdk-nodelay \
 *     --emulator-jar gemini-live-emulator.jar --out DIR \
 *     [--steps 50,100,200] [--warmup 3] [--measure 12] [--prewarm 40] [--prewarm-sessions 100]
 *     [--profile 100] [--memory 200] [--reconnect 5]
 * </pre>
 *
 * {@code ours-plain} is this project's client over plain {@code ws} (the emulator without TLS), to show what TLS
 * costs; the others use {@code wss}: {@code ours} opens plain sessions, {@code ours-resilient} resilient ones with
 * the default resilience options; {@code camel} is this client through {@code gemini-live} routes with plain
 * sessions, {@code camel-defaults} with the component's defaults (resilient, resumption on), and
 * {@code camel-defaults-pooled} also with Camel's pooled exchange factory (a user's option), {@code camel-calls}
 * with per-call sessions of one endpoint and one route (as the SIP and Kafka examples run calls), {@code camel-floor}
 * the same routes over {@link FloorComponent} (Camel's own cost over the resilient client; {@code camel-floor-plain}
 * over the plain client); {@code sdk-nodelay} is
 * the SDK with {@code TCP_NODELAY} on its sockets. The emulator runs in a JVM of its own (the
 * emulator's jar inside a {@link MeasuringEmulator}). The steps of a client share one emulator JVM, and an
 * unrecorded step ({@code --prewarm} seconds of {@code --prewarm-sessions} sessions) warms both JVMs up first: the
 * JIT compiler otherwise dominates the first minute's CPU. The profiled step warms up as long, on a fresh emulator.
 * Stepping stops after two steps in a row miss the real-time bar.
 * Results go to {@code DIR/load-CLIENT.json} (after every step), {@code memory-CLIENT.json} and
 * {@code reconnect.json}.
 */
public final class LoadDriver {

    private static final String CLIENTS = "ours|ours-plain|ours-resilient|camel|camel-defaults|camel-defaults-pooled"
            + "|camel-calls|camel-floor|camel-floor-plain|sdk|sdk-nodelay";
    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
    /** The SDK logs every open and close at INFO through java.util.logging; held so the level sticks. */
    private static final java.util.logging.Logger SDK_LOG = java.util.logging.Logger.getLogger("com.google.genai");

    private LoadDriver() {
    }

    public static void main(String[] args) throws Exception {
        SDK_LOG.setLevel(java.util.logging.Level.WARNING);
        Map<String, String> a = options(args);
        String clientName = a.getOrDefault("client", "ours");
        Path jar = Path.of(require(a, "emulator-jar"));
        Path out = Path.of(a.getOrDefault("out", "benchmarks/target/results"));
        Files.createDirectories(out);
        Duration warmup = Duration.ofSeconds(Long.parseLong(a.getOrDefault("warmup", "3")));
        Duration measure = Duration.ofSeconds(Long.parseLong(a.getOrDefault("measure", "12")));
        // the JIT keeps compiling for about a minute under load: measured steps before that measure the compiler
        int prewarmSessions = Integer.parseInt(a.getOrDefault("prewarm-sessions", "100"));
        Duration prewarm = Duration.ofSeconds(Long.parseLong(a.getOrDefault("prewarm", "40")));
        boolean tls = !clientName.equals("ours-plain");
        Function<EmulatorProcess, LoadClient> clients = switch (clientName) {
            case "ours", "ours-plain" -> OurLoadClient::new;
            case "ours-resilient" -> e -> new OurLoadClient(e, true);
            case "camel" -> e -> CamelLoadClient.geminiLive(e, false, false);
            case "camel-defaults" -> e -> CamelLoadClient.geminiLive(e, true, false);
            case "camel-defaults-pooled" -> e -> CamelLoadClient.geminiLive(e, true, true);
            case "camel-calls" -> CamelLoadClient::calls;
            case "camel-floor" -> e -> CamelLoadClient.floor(e, true);
            case "camel-floor-plain" -> e -> CamelLoadClient.floor(e, false);
            case "sdk" -> e -> new SdkLoadClient(e, false);
            case "sdk-nodelay" -> e -> new SdkLoadClient(e, true);
            default -> throw new IllegalArgumentException("--client " + CLIENTS + ", not " + clientName);
        };
        PrintStream log = System.out;

        if (a.containsKey("steps")) {
            // one emulator for all steps of a client: its JIT warms up once, like a long-running service
            // the emulator's GC log: a pause there shows up as a late step, and this tells whether it was one
            String gcLog = "-Xlog:gc:file=" + out.resolve("emulator-gc-" + clientName + ".log").toAbsolutePath();
            try (EmulatorProcess emulator = EmulatorProcess.start(jar, out, tls, gcLog)) {
                log.printf("%s: warming both JVMs up (%d sessions for %d s, not recorded)%n", clientName,
                        prewarmSessions, prewarm.toSeconds());
                LoadStep.run(clients, emulator, prewarmSessions, prewarm.dividedBy(2), prewarm.dividedBy(2), log);
                List<StepResult> results = new ArrayList<>();
                int missed = 0;
                for (String step : a.get("steps").split(",")) {
                    int n = Integer.parseInt(step.trim());
                    // a step that misses is measured once more (both kept): on two shared cores a single GC pause
                    // or compile can sink one try; the step counts as real time when either try is
                    boolean passed = false;
                    for (int attempt = 1; attempt <= 2 && !passed; attempt++) {
                        log.printf("%s: %d sessions%s%n", clientName, n, attempt > 1 ? " (retry)" : "");
                        StepResult r = LoadStep.run(clients, emulator, n, warmup, measure, log);
                        results.add(r);
                        JSON.writeValue(out.resolve("load-" + clientName + ".json").toFile(), results);
                        print(log, r);
                        passed = r.passed();
                    }
                    missed = passed ? 0 : missed + 1;
                    if (missed == 2) {
                        break; // two steps in a row missed twice: past the limit, not noise
                    }
                }
            }
        }
        if (a.containsKey("profile")) {
            profile(clients, clientName, jar, out, tls, Integer.parseInt(a.get("profile")), prewarm, measure, log);
        }
        if (a.containsKey("memory")) {
            int n = Integer.parseInt(a.get("memory"));
            try (EmulatorProcess emulator = EmulatorProcess.start(jar, out, tls)) {
                MemoryProbe m = MemoryProbe.run(clients, emulator, n);
                JSON.writeValue(out.resolve("memory-" + clientName + ".json").toFile(), m);
                log.printf("%s: %.1f KB retained per idle session (%d sessions), threads %d -> %d%n", clientName,
                        m.kbPerSession(), n, m.threadsBefore(), m.threadsIdle());
            }
        }
        if (a.containsKey("reconnect")) {
            ReconnectProbe r;
            try (EmulatorProcess emulator = EmulatorProcess.start(jar, out, tls)) {
                r = ReconnectProbe.run(emulator, Integer.parseInt(a.get("reconnect")));
            } catch (Exception e) {
                r = new ReconnectProbe(0, 0, Percentiles.NONE, Percentiles.NONE, Percentiles.NONE, Percentiles.NONE,
                        Double.NaN, Double.NaN, 0, 0, 0, List.of(), e.toString());
            }
            JSON.writeValue(out.resolve("reconnect.json").toFile(), r);
            log.printf("reconnect: %s%n", r);
        }
        System.exit(0); // SDK/OkHttp leave non-daemon threads behind
    }

    private static void print(PrintStream log, StepResult r) {
        log.printf("  send->emulator p50/p99/max %.2f/%.2f/%.2f ms, out of order %d, emulator->route "
                + "p50/p99/max %.2f/%.2f/%.2f ms, rtt p50/p99/max "
                + "%.2f/%.2f/%.2f ms, reply lateness p99 %.2f ms, send lateness p99 "
                + "%.2f ms, route delay p99 %.3f ms, cpu %.2f cores (%.2f without JIT; emulator %.2f, "
                + "%.2f without JIT), %.2f us and %.0f B per message, heap %.1f KB/session, threads %d->%d, frames lost %d/%d, chunks "
                + "lost %d/%d, replies cut %d, errors %d -> %s%n",
                r.receipt().p50(), r.receipt().p99(), r.receipt().max(), r.framesOutOfOrder(),
                r.emulatorToRoute().p50(), r.emulatorToRoute().p99(), r.emulatorToRoute().max(),
                r.roundTrip().p50(), r.roundTrip().p99(), r.roundTrip().max(), r.replyLateness().p99(),
                r.sendLateness().p99(), r.routeDelay().p99(), r.clientCpuCores(), r.clientCoresNoJit(),
                r.emulatorCpuCores(), r.emulatorCoresNoJit(), r.clientCpuMicrosPerMessage(),
                r.clientBytesPerMessage(), r.heapPerSessionKb(), r.threadsBefore(),
                r.threads(), r.framesLost(), r.framesSent(), r.chunksLost(), r.chunksReceived(),
                r.turnsInterrupted(), r.errors(), r.passed() ? "real time" : "MISSED");
    }

    /** One step with JFR on in both JVMs; the execution samples of the measured window are summarised. */
    private static void profile(Function<EmulatorProcess, LoadClient> clients, String clientName, Path jar, Path out,
            boolean tls, int n, Duration warmup, Duration measure, PrintStream log) throws Exception {
        Path clientJfr = out.resolve("client-" + clientName + ".jfr").toAbsolutePath();
        Path emulatorJfr = out.resolve("emulator-" + clientName + ".jfr").toAbsolutePath();
        // JFR's "profile" settings with Java samples every 1 ms instead of 10 (more samples in a short window)
        Path settings = out.resolve("sampling.jfc").toAbsolutePath();
        java.nio.file.Files.writeString(settings, Configuration.getConfiguration("profile").getContents()
                .replace("<setting name=\"period\" control=\"method-sampling-java-interval\">10 ms</setting>",
                        "<setting name=\"period\" control=\"method-sampling-java-interval\">1 ms</setting>"));
        Instant[] window = new Instant[2];
        StepResult step;
        log.printf("%s: profiling %d sessions (JFR in the client and the emulator)%n", clientName, n);
        try (EmulatorProcess emulator = EmulatorProcess.start(jar, out, tls,
                "-XX:StartFlightRecording=settings=" + settings + ",dumponexit=true,filename=" + emulatorJfr);
                Recording recording = new Recording(Configuration.create(settings))) {
            recording.setDestination(clientJfr);
            recording.start();
            step = LoadStep.run(clients, emulator, n, warmup, measure, log, new LoadStep.Window() {
                @Override
                public void started() {
                    window[0] = Instant.now();
                }

                @Override
                public void ended() {
                    window[1] = Instant.now();
                }
            });
            recording.stop();
        }
        Map<String, Object> profile = new java.util.LinkedHashMap<>();
        profile.put("step", step);
        profile.put("client", CpuProfile.of("client", clientJfr, window[0], window[1]));
        profile.put("emulator", CpuProfile.of("emulator", emulatorJfr, window[0], window[1]));
        JSON.writeValue(out.resolve("profile-" + clientName + ".json").toFile(), profile);
        log.printf("  profile: %s%n", profile);
    }

    private static Map<String, String> options(String[] args) {
        Map<String, String> map = new HashMap<>();
        for (int i = 0; i < args.length; i++) {
            if (!args[i].startsWith("--") || i + 1 >= args.length) {
                throw new IllegalArgumentException("expected --name value pairs, got " + Arrays.toString(args));
            }
            map.put(args[i].substring(2), args[++i]);
        }
        return map;
    }

    private static String require(Map<String, String> a, String key) {
        String v = a.get(key);
        if (v == null) {
            throw new IllegalArgumentException("--" + key + " is required");
        }
        return v;
    }

}
