package io.github.camelgeminilive.benchmarks.jmh;

import java.util.concurrent.TimeUnit;

import org.apache.camel.CamelContext;
import org.apache.camel.Consumer;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.impl.DefaultCamelContext;
import org.apache.camel.impl.engine.PooledExchangeFactory;
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

import io.github.camelgeminilive.component.GeminiLiveComponent;
import io.github.camelgeminilive.component.GeminiLiveComponents;
import io.github.camelgeminilive.component.GeminiLiveConstants;
import io.github.camelgeminilive.session.LiveEvent;

/**
 * What a {@code from("gemini-live:...")} consumer costs per event on the event thread: one 40 ms reply audio event
 * routed to a processor that reads the event type and the body, as a route would (exchange, headers, unit of work,
 * the route's processors), with Camel's default exchange factory and with its pooled one (a user option). The
 * session is made but never connected: only the consumer is measured.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
public class ConsumerEventBenchmark {

    @Param({"prototype", "pooled"})
    public String exchangeFactory;

    private CamelContext camel;
    private Consumer consumer;
    private LiveEvent audio;
    private Blackhole sink;

    @Setup
    public void setUp(Blackhole blackhole) throws Exception {
        sink = blackhole;
        camel = new DefaultCamelContext();
        if (exchangeFactory.equals("pooled")) {
            camel.getCamelContextExtension().setExchangeFactory(new PooledExchangeFactory());
        }
        GeminiLiveComponent component = new GeminiLiveComponent();
        component.getConfiguration().setApiKey("benchmark-key");
        camel.addComponent("gemini-live", component);
        camel.addRoutes(new RouteBuilder() {
            @Override
            public void configure() {
                from("gemini-live:bench?openOnStart=false").routeId("bench").process(e -> {
                    sink.consume(e.getMessage().getHeader(GeminiLiveConstants.EVENT_TYPE, String.class));
                    sink.consume(e.getMessage().getBody(byte[].class));
                });
            }
        });
        camel.start();
        consumer = camel.getRoute("bench").getConsumer();
        audio = new LiveEvent.Audio(AudioFrames.tone(1920, 24_000, 6000, 1), "audio/pcm;rate=24000");
    }

    @TearDown
    public void tearDown() {
        camel.stop();
    }

    @Benchmark
    public void audioEvent() {
        GeminiLiveComponents.deliver(consumer, "caller", audio);
    }
}
