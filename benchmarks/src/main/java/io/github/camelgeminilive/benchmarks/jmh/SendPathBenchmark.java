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

/** One 20 ms 16 kHz frame (640 bytes of PCM) from the caller's {@code byte[]} to the WebSocket frame text. */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
public class SendPathBenchmark {

    private byte[] pcm;
    private SdkCodecPath sdk;

    @Setup
    public void setUp() {
        pcm = AudioFrames.tone(AudioFrames.INPUT_FRAME_BYTES, 16_000, 6000, 1);
        sdk = new SdkCodecPath(Client.builder().apiKey("benchmark-key").build());
    }

    @Benchmark
    public byte[] ours() {
        return OurCodecPath.sendAudio(pcm, AudioFrames.INPUT_MIME);
    }

    @Benchmark
    public String sdk() {
        return sdk.sendAudio(pcm, AudioFrames.INPUT_MIME);
    }
}
