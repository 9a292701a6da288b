package io.github.camelgeminilive.benchmarks.jmh;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import org.apache.camel.AsyncProcessor;
import org.apache.camel.CamelContext;
import org.apache.camel.Endpoint;
import org.apache.camel.Exchange;
import org.apache.camel.Producer;
import org.apache.camel.impl.DefaultCamelContext;
import org.apache.camel.support.AsyncProcessorConverterHelper;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;

import io.github.camelgeminilive.component.GeminiLiveComponent;
import io.github.camelgeminilive.component.GeminiLiveComponents;
import io.github.camelgeminilive.session.LiveClient;

/**
 * What a {@code to("gemini-live:...")} producer costs per 20 ms input frame on the caller's thread: a new exchange
 * (Camel's default factory) with the frame as its {@code byte[]} body, sent InOnly through the endpoint's producer
 * into a session over a {@link LoopbackTransport} (every write completes at once, so the exchange completes on the
 * caller), with the component's defaults ({@code resilient}) or {@code resilient=false} ({@code plain}). The
 * producer's own share is the difference to {@link SessionPathBenchmark#send} of the same session kind. Over a real
 * connection the write completes later on the I/O thread, and the exchange on the component's reply pool: that
 * hand-off is what the load driver measures, not this.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
public class ProducerFrameBenchmark {

    @Param({"resilient", "plain"})
    public String session;

    private CamelContext camel;
    private Endpoint endpoint;
    private Producer producer;
    private AsyncProcessor to;
    private byte[] pcm;

    @Setup
    public void setUp() throws Exception {
        camel = new DefaultCamelContext();
        LoopbackTransport transport = new LoopbackTransport();
        GeminiLiveComponent component = GeminiLiveComponents.withClients(
                options -> LiveClient.create(options, executor -> transport));
        component.getConfiguration().setApiKey("benchmark-key");
        component.getConfiguration().setResilient(session.equals("resilient"));
        camel.addComponent("gemini-live", component);
        camel.start();
        endpoint = camel.getEndpoint("gemini-live:bench");
        producer = endpoint.createProducer();
        producer.start();
        to = AsyncProcessorConverterHelper.convert(producer);
        pcm = AudioFrames.tone(AudioFrames.INPUT_FRAME_BYTES, 16_000, 6000, 1);
        // the first send connects; every later one finds the session open
        CountDownLatch written = new CountDownLatch(1);
        Exchange first = endpoint.createExchange();
        first.getMessage().setBody(pcm);
        to.process(first, doneSync -> written.countDown());
        if (!written.await(10, TimeUnit.SECONDS)) {
            throw new IllegalStateException("The loopback session did not connect");
        }
        if (first.getException() != null) {
            throw first.getException();
        }
    }

    @TearDown
    public void tearDown() throws Exception {
        producer.stop();
        camel.stop();
    }

    @Benchmark
    public Exchange frame() {
        Exchange exchange = endpoint.createExchange();
        exchange.getMessage().setBody(pcm);
        to.process(exchange, doneSync -> {
        });
        return exchange;
    }
}
