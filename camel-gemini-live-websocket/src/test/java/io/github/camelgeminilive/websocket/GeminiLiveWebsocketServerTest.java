package io.github.camelgeminilive.websocket;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.ConnectException;

import org.apache.camel.builder.RouteBuilder;
import org.junit.jupiter.api.Test;

/** One server per host and port: shared by the routes there, started with the first, stopped with the last. */
class GeminiLiveWebsocketServerTest extends WebsocketTestSupport {

    @Override
    protected RouteBuilder createRouteBuilder() {
        return new RouteBuilder() {
            @Override
            public void configure() {
                from(BASE + "/a").routeId("a").to("mock:a");
                from(BASE + "/b").routeId("b").to("mock:b");
            }
        };
    }

    @Test
    void twoRoutesShareOneServerThatStopsWithTheLastRoute() throws Exception {
        int port = port();
        assertThat(port).isPositive();
        TestPeer a = TestPeer.connect(port, "/a");
        TestPeer b = TestPeer.connect(port, "/b");
        a.sendText("to a");
        b.sendText("to b");
        assertThat(awaitEvent(getMockEndpoint("mock:a"), GeminiLiveWebsocketEvent.MESSAGE).getIn().getBody())
                .isEqualTo("to a");
        assertThat(awaitEvent(getMockEndpoint("mock:b"), GeminiLiveWebsocketEvent.MESSAGE).getIn().getBody())
                .isEqualTo("to b");

        context.getRouteController().stopRoute("a");
        assertThat(a.awaitClose().code()).isEqualTo(1001);
        assertThat(port()).as("still serving /b").isEqualTo(port);
        b.sendText("still here");

        context.getRouteController().stopRoute("b");
        assertThat(b.awaitClose().code()).isEqualTo(1001);
        assertThat(port()).as("not listening").isEqualTo(-1);
        assertThatThrownBy(() -> TestPeer.connect(port, "/b")).hasCauseInstanceOf(ConnectException.class);

        context.getRouteController().startRoute("b");
        TestPeer again = TestPeer.connect(port(), "/b");
        again.sendText("back");
        again.close();
    }

    @Test
    void aSecondRouteOnTheSamePathDoesNotStart() {
        assertThatThrownBy(() -> context.addRoutes(new RouteBuilder() {
            @Override
            public void configure() {
                from(BASE + "/a?maxBacklog=10").to("mock:other");
            }
        })).hasStackTraceContaining("Another route already consumes ws://127.0.0.1:0/a");
    }
}
