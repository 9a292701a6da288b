package io.github.camelgeminilive.component;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import org.apache.camel.Exchange;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.component.mock.MockEndpoint;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * A consumer route that stops keeping up neither stalls the session's WebSocket reader nor grows memory without
 * bound: the producer's sends keep completing, the client drops (and counts) the events the route cannot take, and
 * the route carries on once it is released.
 */
class GeminiLiveSlowConsumerTest extends GeminiLiveTestSupport {

    private static final String OPTIONS = "maxQueuedEvents=50";

    private final CountDownLatch release = new CountDownLatch(1);

    @AfterEach
    void releaseTheRoute() {
        release.countDown();
    }

    @Override
    protected RouteBuilder createRouteBuilder() {
        return new RouteBuilder() {
            @Override
            public void configure() {
                from(uri("slow", OPTIONS))
                        .process(e -> {
                            if (!release.await(30, TimeUnit.SECONDS)) {
                                throw new IllegalStateException("the test never released the route");
                            }
                        })
                        .to("mock:slow");
                from("direct:slow").to(uri("slow", OPTIONS));
            }
        };
    }

    @Test
    void aBlockedRouteDoesNotStallTheSession() {
        MockEndpoint mock = getMockEndpoint("mock:slow");
        GeminiLiveEndpoint endpoint = context.getEndpoint(uri("slow", OPTIONS), GeminiLiveEndpoint.class);
        int turns = 10;

        for (int i = 0; i < turns; i++) {
            int n = i;
            Exchange sent = template.send("direct:slow", e -> e.getMessage().setBody("Turn number " + n + " please"));
            assertThat(sent.getException()).as("send %d", i).isNull();
        }

        // the reader went on reading: replies arrived and what the route could not take was dropped and counted
        await().atMost(Duration.ofSeconds(20)).until(() -> endpoint.getSessionDroppedEvents() > 0);
        assertThat(mock.getReceivedCounter()).isZero();

        release.countDown();
        template.sendBody("direct:slow", "Back again");

        await().atMost(Duration.ofSeconds(20)).until(() -> transcript(mock).contains("You said: Back again"));
    }
}
