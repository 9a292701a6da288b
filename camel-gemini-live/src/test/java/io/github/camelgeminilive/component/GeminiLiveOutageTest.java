package io.github.camelgeminilive.component;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import org.apache.camel.Exchange;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.component.mock.MockEndpoint;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import io.github.camelgeminilive.emulator.GeminiLiveEmulator;
import io.github.camelgeminilive.emulator.SessionInfo;
import io.github.camelgeminilive.session.LiveSessionException;
import io.github.camelgeminilive.session.ResilienceMetrics;

/**
 * The service goes away for a while (the emulator stops, as a crashed process would, and starts again on the same
 * port with its state): sends meanwhile are held up to {@code heldSendLimit}, the one beyond it fails its exchange,
 * and once the service is back the held sends are written in order and the conversation goes on. Its own emulator,
 * since stopping it drops every session.
 */
class GeminiLiveOutageTest extends GeminiLiveTestSupport {

    private static final String OPTIONS = "heldSendLimit=3&reconnectInitialDelay=20&reconnectMaxDelay=200";
    private static final String DROP_OLDEST = "heldSendLimit=2&heldSendOverflow=DROP_OLDEST&reconnectInitialDelay=20"
            + "&reconnectMaxDelay=200";
    private static final int FRAME_MILLIS = 20;

    private static GeminiLiveEmulator restartable;

    @BeforeAll
    static void startRestartableEmulator() {
        restartable = emulatorOn127().build().start();
    }

    @AfterAll
    static void closeRestartableEmulator() {
        restartable.close();
    }

    @Override
    protected RouteBuilder createRouteBuilder() {
        return new RouteBuilder() {
            @Override
            public void configure() {
                from(uri(restartable, "outage", OPTIONS)).to("mock:outage");
                from("direct:outage").to(uri(restartable, "outage", OPTIONS));
                from(uri(restartable, "dropping", DROP_OLDEST)).to("mock:dropping");
            }
        };
    }

    @Test
    void sendsDuringAnOutageAreHeldBoundedAndFlushedWhenTheServiceIsBack() throws Exception {
        MockEndpoint mock = getMockEndpoint("mock:outage");
        GeminiLiveEndpoint endpoint =
                context.getEndpoint(uri(restartable, "outage", OPTIONS), GeminiLiveEndpoint.class);
        Exchange first = template.request("direct:outage", e -> e.getMessage().setBody("My name is Carol"));
        assertThat(first.getException()).isNull();
        String sessionId = first.getMessage().getHeader(GeminiLiveConstants.SESSION_ID, String.class);

        restartable.stop();
        // the session noticed: its reconnect attempts fail while the service is away
        await().atMost(Duration.ofSeconds(10)).until(() -> endpoint.getResilienceMetrics().failedAttempts() > 0);

        // sent from this thread through the asynchronous producer, so they reach the session in this order
        GeminiLiveProducer producer = (GeminiLiveProducer) endpoint.createProducer();
        producer.start();
        List<CompletableFuture<Exchange>> held = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            held.add(sendFrame(endpoint, producer));
        }
        Exchange refused = sendFrame(endpoint, producer).get(5, TimeUnit.SECONDS);
        assertThat(refused.getException()).isInstanceOf(LiveSessionException.class)
                .hasMessageContaining("3 sends");
        assertThat(held).noneMatch(CompletableFuture::isDone);

        restartable.start();

        for (CompletableFuture<Exchange> h : held) {
            assertThat(h.get(10, TimeUnit.SECONDS).getException()).isNull();
        }
        awaitEvent(mock, GeminiLiveEventType.RECONNECTED);
        long heldSamples = 3L * TestAudio.RATE * FRAME_MILLIS / 1000;
        await().atMost(Duration.ofSeconds(10)).until(() -> restartable.admin().session(sessionId).orElseThrow()
                .audioSamplesInState() == heldSamples);
        Exchange again = template.request("direct:outage", e -> e.getMessage().setBody("What is my name?"));
        assertThat(again.getMessage().getHeader(GeminiLiveConstants.OUTPUT_TRANSCRIPT, String.class))
                .contains("Carol");
        // the last reconnect is the one that outlasted the outage: it took more than one attempt
        List<Exchange> reconnects = eventsOf(mock, GeminiLiveEventType.RECONNECTED);
        Exchange reconnected = reconnects.get(reconnects.size() - 1);
        assertThat(reconnected.getMessage().getHeader(GeminiLiveConstants.RECONNECT_ATTEMPTS, Integer.class))
                .isGreaterThan(1);
        assertThat(reconnected.getMessage().getHeader(GeminiLiveConstants.RESUMED)).isEqualTo(true);
        SessionInfo info = restartable.admin().session(sessionId).orElseThrow();
        assertThat(info.connectionsOpened()).isEqualTo(2);
        ResilienceMetrics metrics = endpoint.getResilienceMetrics();
        assertThat(metrics.reconnects()).isEqualTo(1);
        assertThat(metrics.lastGap()).isPositive();
        producer.stop();
    }

    @Test
    void withDropOldestTheOldestHeldSendFailsAndIsCounted() throws Exception {
        GeminiLiveEndpoint endpoint = context.getEndpoint(uri(restartable, "dropping", DROP_OLDEST),
                GeminiLiveEndpoint.class);
        await().atMost(Duration.ofSeconds(10)).until(() -> endpoint.getResilienceMetrics() != null);
        GeminiLiveProducer producer = (GeminiLiveProducer) endpoint.createProducer();
        producer.start();

        restartable.stop();
        await().atMost(Duration.ofSeconds(10)).until(() -> endpoint.getResilienceMetrics().failedAttempts() > 0);
        CompletableFuture<Exchange> oldest = sendFrame(endpoint, producer);
        CompletableFuture<Exchange> second = sendFrame(endpoint, producer);
        CompletableFuture<Exchange> third = sendFrame(endpoint, producer);

        assertThat(oldest.get(5, TimeUnit.SECONDS).getException()).isInstanceOf(LiveSessionException.class)
                .hasMessageContaining("dropped");
        assertThat(endpoint.getSessionDroppedSends()).isEqualTo(1);
        assertThat(second).isNotDone();
        restartable.start();
        assertThat(second.get(10, TimeUnit.SECONDS).getException()).isNull();
        assertThat(third.get(10, TimeUnit.SECONDS).getException()).isNull();
        producer.stop();
    }

    private static CompletableFuture<Exchange> sendFrame(GeminiLiveEndpoint endpoint, GeminiLiveProducer producer) {
        Exchange exchange = endpoint.createExchange();
        exchange.getMessage().setBody(TestAudio.silence(FRAME_MILLIS));
        CompletableFuture<Exchange> done = new CompletableFuture<>();
        producer.process(exchange, doneSync -> done.complete(exchange));
        return done;
    }
}
