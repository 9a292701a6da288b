package io.github.camelgeminilive.benchmarks.jmh;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.concurrent.TimeUnit;
import java.util.function.IntSupplier;

import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

import io.github.camelgeminilive.audio.AudioConverter;
import io.github.camelgeminilive.audio.AudioFormat;

/**
 * The audio toolkit per 20 ms frame of a phone call, each direction through one stateful converter into a reused
 * buffer: the caller's mu-law 8 kHz (160 bytes) to the Live API's PCM 16 kHz (640 bytes), and the model's PCM
 * 24 kHz (960 bytes) to mu-law 8 kHz (160 bytes). Targets (issue 14): under 2 us and 0 B/op for the first.
 *
 * <p>
 * {@link #main} times the same frames by the converting thread's CPU time, which on a shared machine leaves out the
 * time the thread waited for a core (JMH's wall time does not).
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
public class AudioBenchmark {

    private final AudioConverter toModel = new AudioConverter(AudioFormat.MULAW_8K, AudioFormat.PCM_16K);
    private final AudioConverter toCaller = new AudioConverter(AudioFormat.PCM_24K, AudioFormat.MULAW_8K);
    private byte[] mulaw8k;
    private byte[] pcm24k;
    private byte[] out;

    @Setup
    public void setUp() {
        byte[] pcm8k = AudioFrames.tone(AudioFormat.PCM_8K.bytesFor(20), 8_000, 6000, 1);
        mulaw8k = new AudioConverter(AudioFormat.PCM_8K, AudioFormat.MULAW_8K).convert(pcm8k);
        pcm24k = AudioFrames.tone(AudioFormat.PCM_24K.bytesFor(20), 24_000, 6000, 2);
        out = new byte[Math.max(toModel.maxOutputBytes(mulaw8k.length), toCaller.maxOutputBytes(pcm24k.length))];
    }

    @Benchmark
    public int muLaw8kToPcm16k() {
        return toModel.convert(mulaw8k, 0, mulaw8k.length, out, 0);
    }

    @Benchmark
    public int pcm24kToMuLaw8k() {
        return toCaller.convert(pcm24k, 0, pcm24k.length, out, 0);
    }

    /**
     * Converts {@code args[0]} frames (default 200,000) each way after as many for warm-up, and prints the thread's
     * CPU time and the wall time per frame: {@code java -cp benchmarks/target/benchmarks.jar
     * io.github.camelgeminilive.benchmarks.jmh.AudioBenchmark}.
     */
    public static void main(String[] args) {
        int frames = args.length > 0 ? Integer.parseInt(args[0]) : 200_000;
        AudioBenchmark benchmark = new AudioBenchmark();
        benchmark.setUp();
        for (int round = 0; round < 3; round++) {
            time("muLaw8kToPcm16k", frames, benchmark::muLaw8kToPcm16k);
            time("pcm24kToMuLaw8k", frames, benchmark::pcm24kToMuLaw8k);
        }
    }

    private static void time(String name, int frames, IntSupplier frame) {
        ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        int sink = 0;
        for (int i = 0; i < frames; i++) {
            sink += frame.getAsInt();
        }
        long cpu = threads.getCurrentThreadCpuTime();
        long wall = System.nanoTime();
        for (int i = 0; i < frames; i++) {
            sink += frame.getAsInt();
        }
        cpu = threads.getCurrentThreadCpuTime() - cpu;
        wall = System.nanoTime() - wall;
        System.out.printf("%s: %.2f us CPU, %.2f us wall per frame (%d bytes out)%n", name, cpu / 1e3 / frames,
                wall / 1e3 / frames, sink / (2 * frames));
    }
}
