package io.github.camelgeminilive.benchmarks.jmh;

import java.io.IOException;
import java.util.Base64;
import java.util.concurrent.TimeUnit;

import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

import com.fasterxml.jackson.databind.JsonNode;

import io.github.camelgeminilive.protocol.LiveJson;

/**
 * The protocol codec's per-frame decoding (issue 14; {@code -prof gc} for B/op): a 20 ms server audio message
 * (24 kHz, 960 bytes of PCM) read by the client, and a 20 ms client {@code realtimeInput} (16 kHz, 640 bytes) read
 * as the emulator reads it (a tree, whose base64 it checks with {@code LiveJson.readBase64}) and by the record reader.
 * Not part of {@code run.sh}: {@code java -jar benchmarks/target/benchmarks.jar Base64DecodeBenchmark -prof gc}.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
public class Base64DecodeBenchmark {

    private static final int SERVER_FRAME_BYTES = 960;

    private byte[] serverFrame;
    private byte[] clientFrame;
    private String clientBase64;

    @Setup
    public void setUp() {
        serverFrame = AudioFrames.serverAudioMessage(AudioFrames.tone(SERVER_FRAME_BYTES, 24_000, 6000, 2));
        byte[] pcm = AudioFrames.tone(AudioFrames.INPUT_FRAME_BYTES, 16_000, 6000, 1);
        clientFrame = LiveJson.get().writeRealtimeBlob("audio", AudioFrames.INPUT_MIME, pcm, 0, pcm.length);
        clientBase64 = Base64.getEncoder().encodeToString(pcm);
    }

    /** The client's receive path: frame bytes to the message record. */
    @Benchmark
    public Object serverAudio() {
        return LiveJson.get().readServer(serverFrame);
    }

    /** The emulator's path for realtimeInput: the tree, then its base64 decoded from the tree's string. */
    @Benchmark
    public byte[] clientAudioTree() throws IOException {
        JsonNode tree = LiveJson.get().mapper().readTree(clientFrame);
        return LiveJson.get().readBase64(tree.get("realtimeInput").get("audio").get("data").textValue());
    }

    /** {@code readBase64} alone, of 20 ms of 16 kHz input. */
    @Benchmark
    public byte[] readBase64() {
        return LiveJson.get().readBase64(clientBase64);
    }

    /** The record reader on the same client frame. */
    @Benchmark
    public Object clientAudio() {
        return LiveJson.get().readClient(clientFrame);
    }
}
