package io.github.camelgeminilive.component;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import org.apache.camel.AsyncProducer;
import org.apache.camel.Endpoint;
import org.apache.camel.Exchange;
import org.apache.camel.builder.RouteBuilder;
import org.junit.jupiter.api.Test;

/**
 * An InOnly frame written after the producer returned (over a real connection its I/O thread writes it) continues
 * its exchange on the component's {@code GeminiLiveWrites} thread: never on the I/O thread, not on the reply pool
 * (whose ten threads would each be woken for a frame), and, with the default single thread, in write order. A
 * route that sends again, synchronously, from that thread does not wait on itself.
 */
class GeminiLiveWriteCompletionTest extends GeminiLiveTestSupport {

    @Override
    protected RouteBuilder createRouteBuilder() {
        return new RouteBuilder() {
            @Override
            public void configure() {
                from("direct:twice").to(uri("first"))
                        .process(e -> e.getMessage().setHeader("continuedOn", Thread.currentThread().getName()))
                        // a blocking send on the writes thread: its own completion must not queue behind it
                        .process(e -> template.sendBody(uri("second"), TestAudio.silence(20)))
                        .to("mock:twice");
            }
        };
    }

    private static final int FRAMES = 100;

    /** One completion: the frame's number, the thread that continued it, whether that was the caller. */
    private record Completion(int frame, String thread, boolean doneSync, Exception error) {
    }

    @Test
    void framesWrittenLaterCompleteOnTheWritesThreadInSendOrder() throws Exception {
        Endpoint endpoint = context.getEndpoint(uri("writes"));
        AsyncProducer producer = endpoint.createAsyncProducer();
        producer.start();
        try {
            List<Completion> completions = new CopyOnWriteArrayList<>();
            CountDownLatch done = new CountDownLatch(FRAMES);
            for (int i = 1; i <= FRAMES; i++) { // one thread, as an audio feed hands frames over
                int frame = i;
                Exchange exchange = endpoint.createExchange();
                exchange.getMessage().setBody(TestAudio.stamped(20, frame));
                producer.process(exchange, doneSync -> {
                    completions.add(new Completion(frame, Thread.currentThread().getName(), doneSync,
                            exchange.getException()));
                    done.countDown();
                });
            }

            assertThat(done.await(30, TimeUnit.SECONDS)).as("every frame's exchange completes").isTrue();
            assertThat(completions).allMatch(c -> c.error() == null);
            List<Completion> later = completions.stream().filter(c -> !c.doneSync()).toList();
            assertThat(later).as("frames written by the I/O thread after the producer returned").isNotEmpty()
                    .allMatch(c -> c.thread().contains("GeminiLiveWrites"), "continued on GeminiLiveWrites");
            assertThat(later).extracting(Completion::frame).isSorted();
        } finally {
            producer.stop();
        }
    }

    @Test
    void aSynchronousSendMadeOnTheWritesThreadCompletes() throws Exception {
        getMockEndpoint("mock:twice").expectedMessageCount(1);

        template.asyncSendBody("direct:twice", TestAudio.silence(20));

        getMockEndpoint("mock:twice").assertIsSatisfied(30_000);
        assertThat(getMockEndpoint("mock:twice").getExchanges().get(0).getMessage()
                .getHeader("continuedOn", String.class)).contains("GeminiLiveWrites");
    }
}
