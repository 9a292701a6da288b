package io.github.camelgeminilive.websocket;

import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.List;
import java.util.stream.Collectors;

import org.apache.camel.Exchange;
import org.apache.camel.component.mock.MockEndpoint;
import org.apache.camel.test.junit5.CamelTestSupport;

/** Routes on 127.0.0.1, port 0 (one free port the endpoints share); helpers to reach them and read their events. */
abstract class WebsocketTestSupport extends CamelTestSupport {

    static final String BASE = "gemini-live-websocket:127.0.0.1:0";

    /** The port the shared server listens on. */
    int port() {
        return context.getEndpoint(BASE + "/", GeminiLiveWebsocketEndpoint.class).getLocalPort();
    }

    static String event(Exchange exchange) {
        return exchange.getMessage().getHeader(GeminiLiveWebsocketConstants.EVENT, String.class);
    }

    static String key(Exchange exchange) {
        return exchange.getMessage().getHeader(GeminiLiveWebsocketConstants.CONNECTION_KEY, String.class);
    }

    /** Waits until {@code mock} received an exchange of {@code event} and returns the first such. */
    static Exchange awaitEvent(MockEndpoint mock, GeminiLiveWebsocketEvent event) {
        await().atMost(Duration.ofSeconds(10)).until(() -> ofEvent(mock, event).size() > 0);
        return ofEvent(mock, event).get(0);
    }

    static List<Exchange> ofEvent(MockEndpoint mock, GeminiLiveWebsocketEvent event) {
        return mock.getExchanges().stream().filter(e -> event.eventName().equals(event(e)))
                .collect(Collectors.toList());
    }
}
