package io.github.camelgeminilive.benchmarks.jmh;

import java.util.concurrent.TimeUnit;

import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

import io.github.camelgeminilive.protocol.ServerMessage;
import io.github.camelgeminilive.session.connection.OurCodecPath;

/**
 * Our two paths taken apart, to see which part costs what (the profile behind the targets): the send path's input
 * checks vs its encoding, and the receive path's parse vs the whole.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
public class CodecBreakdownBenchmark {

    private byte[] pcm;
    private byte[] frame;

    @Setup
    public void setUp() {
        pcm = AudioFrames.tone(AudioFrames.INPUT_FRAME_BYTES, 16_000, 6000, 1);
        frame = AudioFrames.serverAudioMessage(AudioFrames.tone(AudioFrames.OUTPUT_CHUNK_BYTES, 24_000, 6000, 2));
    }

    @Benchmark
    public int sendChecksOnly() {
        return OurCodecPath.sendChecksOnly(pcm, AudioFrames.INPUT_MIME);
    }

    @Benchmark
    public byte[] sendEncodeOnly() {
        return OurCodecPath.sendEncodeOnly(pcm, AudioFrames.INPUT_MIME);
    }

    @Benchmark
    public ServerMessage receiveParseOnly() {
        return OurCodecPath.receiveParseOnly(frame);
    }
}
