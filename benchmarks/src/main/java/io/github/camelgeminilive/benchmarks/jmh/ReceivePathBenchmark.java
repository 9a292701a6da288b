package io.github.camelgeminilive.benchmarks.jmh;

import java.util.concurrent.TimeUnit;

import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

import com.google.genai.Client;
import com.google.genai.SdkCodecPath;

import io.github.camelgeminilive.session.connection.OurCodecPath;

/** One 40 ms 24 kHz server audio message (1920 bytes of PCM, base64 in JSON) from frame bytes to the PCM bytes. */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
public class ReceivePathBenchmark {

    private byte[] frame;
    private SdkCodecPath sdk;

    @Setup
    public void setUp() {
        frame = AudioFrames.serverAudioMessage(AudioFrames.tone(AudioFrames.OUTPUT_CHUNK_BYTES, 24_000, 6000, 2));
        sdk = new SdkCodecPath(Client.builder().apiKey("benchmark-key").build());
    }

    @Benchmark
    public byte[] ours() {
        return OurCodecPath.receiveAudio(frame);
    }

    @Benchmark
    public byte[] sdk() {
        return sdk.receiveAudio(frame);
    }
}
