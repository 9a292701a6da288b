package io.github.camelgeminilive.benchmarks.jmh;

import java.net.URI;
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
import org.openjdk.jmh.infra.Blackhole;

import io.github.camelgeminilive.protocol.GenerationConfig;
import io.github.camelgeminilive.session.LiveClient;
import io.github.camelgeminilive.session.LiveEvent;
import io.github.camelgeminilive.session.LiveSession;
import io.github.camelgeminilive.session.ResilienceOptions;
import io.github.camelgeminilive.session.SessionOptions;
import io.github.camelgeminilive.transport.ConnectionOptions;

/**
 * The session layers alone, plain against resilient (default resilience options), over a {@link LoopbackTransport}:
 * one 20 ms input frame from {@code sendAudio} to the transport (encoding included), and one 40 ms server audio
 * message from the transport to the listener (parse, fan-out, the event queue, delivered on the calling thread).
 * What the resilient engine adds per frame and per event is the difference of the two.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
public class SessionPathBenchmark {

    @Param({"plain", "resilient"})
    public String session;

    private LiveClient client;
    private LoopbackTransport transport;
    private LiveSession live;
    private byte[] pcm;
    private byte[] serverAudio;
    private Blackhole sink;

    @Setup
    public void setUp(Blackhole blackhole) throws Exception {
        sink = blackhole;
        transport = new LoopbackTransport();
        client = LiveClient.create(ConnectionOptions.geminiApi(URI.create("wss://loopback.invalid"), () -> "key"),
                executor -> transport);
        SessionOptions plain = SessionOptions.of(io.github.camelgeminilive.protocol.Setup
                .builder("models/gemini-live-2.5-flash-preview").generationConfig(GenerationConfig.of(List.of("AUDIO"),
                        null))
                .build());
        // the listener runs on the thread that hands the message in: one benchmark thread does all the work
        SessionOptions options = new SessionOptions(plain.setup(), plain.rules(), Runnable::run, plain.setupTimeout());
        live = session.equals("resilient")
                ? client.connectResilient(options, ResilienceOptions.defaults(), this::onEvent).get(10,
                        TimeUnit.SECONDS)
                : client.connect(options, null, this::onEvent).get(10, TimeUnit.SECONDS);
        pcm = AudioFrames.tone(AudioFrames.INPUT_FRAME_BYTES, 16_000, 6000, 1);
        serverAudio = AudioFrames.serverAudioMessage(
                AudioFrames.tone(AudioFrames.OUTPUT_CHUNK_BYTES, 24_000, 6000, 2));
    }

    private void onEvent(LiveEvent event) {
        if (event instanceof LiveEvent.Audio a) {
            sink.consume(a.data());
        }
    }

    @TearDown
    public void tearDown() {
        live.closeAsync();
        client.close();
    }

    @Benchmark
    public Object send() {
        return live.sendAudio(pcm, AudioFrames.INPUT_MIME).join();
    }

    @Benchmark
    public void receive() {
        transport.handler.onBinary(serverAudio);
    }
}
