package io.github.camelgeminilive.benchmarks.jmh;

import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;

import io.github.camelgeminilive.benchmarks.load.EmulatorProcess;
import io.github.camelgeminilive.protocol.GenerationConfig;
import io.github.camelgeminilive.protocol.Setup.ContextWindowCompressionConfig;
import io.github.camelgeminilive.protocol.Setup.SlidingWindow;
import io.github.camelgeminilive.session.LiveClient;
import io.github.camelgeminilive.session.LiveSession;
import io.github.camelgeminilive.session.ResilienceOptions;
import io.github.camelgeminilive.session.SessionOptions;
import io.github.camelgeminilive.transport.ConnectionOptions;

/**
 * {@code sendAudio} of one 20 ms frame over a real connection to the emulator (a child JVM, plain {@code ws} on
 * 127.0.0.1), through a plain session or a resilient one with {@link ResilienceOptions#defaults()}, until the
 * frame is written: the caller's encoding and queueing, the I/O thread's write and the completions it runs. Unlike
 * {@link SessionPathBenchmark} the write completes on another thread, as it always does over Undertow. The frames
 * are silence, so the emulator never answers: the send path alone. {@code -prof gc} counts the client JVM only.
 *
 * <p>{@link #main} measures the client JVM's CPU time and allocation per frame, plain and resilient sessions
 * alternating in the same run (CPU time leaves out the time a thread waited for a core, which JMH's wall time counts):
 * {@code java -cp benchmarks/target/benchmarks.jar io.github.camelgeminilive.benchmarks.jmh.EmulatorSendBenchmark}
 * from the project's root (the emulator's jar: {@code -Demulator.jar=...}).
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
public class EmulatorSendBenchmark {

    @Param({"plain", "resilient"})
    public String session;

    private EmulatorProcess emulator;
    private LiveClient client;
    private LiveSession live;
    private final byte[] silence = new byte[AudioFrames.INPUT_FRAME_BYTES];

    @Setup
    public void setUp() throws Exception {
        emulator = startEmulator();
        client = client(emulator);
        live = open(client, session.equals("resilient"));
    }

    @TearDown
    public void tearDown() {
        live.closeAsync().orTimeout(10, TimeUnit.SECONDS).exceptionally(e -> null).join();
        client.close();
        emulator.close();
    }

    @Benchmark
    public Object send() {
        return live.sendAudio(silence, AudioFrames.INPUT_MIME).join();
    }

    private static EmulatorProcess startEmulator() throws Exception {
        Path jar = Path.of(System.getProperty("emulator.jar", "gemini-live-emulator/target/gemini-live-emulator.jar"));
        if (!Files.isRegularFile(jar)) {
            throw new IllegalStateException("No emulator jar at " + jar.toAbsolutePath() + " (-Demulator.jar=...)");
        }
        return EmulatorProcess.start(jar, Path.of("benchmarks", "target", "emulator-send"), false);
    }

    private static LiveClient client(EmulatorProcess emulator) {
        return LiveClient.create(ConnectionOptions.geminiApi(emulator.baseUrl(), () -> "benchmark-key"));
    }

    private static LiveSession open(LiveClient client, boolean resilient) throws Exception {
        SessionOptions options = SessionOptions.of(io.github.camelgeminilive.protocol.Setup
                .builder("models/gemini-live-2.5-flash-preview")
                .generationConfig(GenerationConfig.of(List.of("AUDIO"), null))
                // a session sending faster than real time would pass the service's 15 minutes without it
                .contextWindowCompression(new ContextWindowCompressionConfig(null, new SlidingWindow(null)))
                .build());
        return (resilient ? client.connectResilient(options, ResilienceOptions.defaults(), event -> {})
                : client.connect(options, null, event -> {})).get(30, TimeUnit.SECONDS);
    }

    /**
     * Sends {@code args[0]} frames (default 50,000) per round through each kind of session, the two kinds taking turns
     * for {@code args[1]} rounds (default 6, the first a warm-up), and prints the client JVM's CPU time and heap
     * allocated per frame for each round.
     */
    public static void main(String[] args) throws Exception {
        int frames = args.length > 0 ? Integer.parseInt(args[0]) : 50_000;
        int rounds = args.length > 1 ? Integer.parseInt(args[1]) : 6;
        byte[] silence = new byte[AudioFrames.INPUT_FRAME_BYTES];
        try (EmulatorProcess emulator = startEmulator(); LiveClient client = client(emulator)) {
            LiveSession plain = open(client, false);
            LiveSession resilient = open(client, true);
            for (int round = 0; round < rounds; round++) {
                for (LiveSession s : round % 2 == 0 ? List.of(plain, resilient) : List.of(resilient, plain)) {
                    String kind = s == plain ? "plain" : "resilient";
                    long cpu = processCpuNanos();
                    long allocated = allocatedBytes();
                    long wall = System.nanoTime();
                    for (int i = 0; i < frames; i++) {
                        s.sendAudio(silence, AudioFrames.INPUT_MIME).join();
                    }
                    cpu = processCpuNanos() - cpu;
                    allocated = allocatedBytes() - allocated;
                    wall = System.nanoTime() - wall;
                    System.out.printf("round %d %-9s %.2f us CPU, %d B, %.1f us wall per frame%s%n", round, kind,
                            cpu / 1e3 / frames, allocated / frames, wall / 1e3 / frames,
                            round == 0 ? " (warm-up)" : "");
                }
            }
            plain.closeAsync().join();
            resilient.closeAsync().join();
        }
    }

    private static long processCpuNanos() {
        return ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean())
                .getProcessCpuTime();
    }

    private static long allocatedBytes() {
        return ((com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean()).getTotalThreadAllocatedBytes();
    }
}
