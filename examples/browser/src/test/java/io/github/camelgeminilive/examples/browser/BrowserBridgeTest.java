package io.github.camelgeminilive.examples.browser;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import org.apache.camel.CamelContext;
import org.apache.camel.Exchange;
import org.apache.camel.impl.DefaultCamelContext;
import org.apache.camel.support.DefaultExchange;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import io.github.camelgeminilive.websocket.GeminiLiveWebsocketConstants;

/** The bridge's own bookkeeping, with exchanges made here (no routes), so that races can be driven exactly. */
class BrowserBridgeTest {

    private static final String PAGE = "page-1";

    private final CamelContext context = new DefaultCamelContext();
    private final BrowserBridge bridge = new BrowserBridge();

    @AfterEach
    void stop() throws Exception {
        context.close();
    }

    /**
     * Two frames in flight fail at once (maxInFlight > 1): both failures find the page open, then both close it.
     * The page is closed, and counted, once; the other failure is a dropped frame.
     */
    @Test
    void twoFailuresThatFindThePageOpenTogetherCloseItOnce() throws Exception {
        Exchange open = event("open");
        open.getMessage().setHeader(GeminiLiveWebsocketConstants.PARAMETERS, Map.of("rate", "16000"));
        bridge.fromPage(open);
        // each failure is held after it found the page open until the other one found it open too
        CountDownLatch bothChecked = new CountDownLatch(2);
        List<Exchange> failures = List.of(failure(bothChecked), failure(bothChecked));

        List<CompletableFuture<Void>> closes = failures.stream()
                .map(f -> CompletableFuture.runAsync(() -> bridge.modelFailed(f))).toList();
        CompletableFuture.allOf(closes.toArray(CompletableFuture[]::new)).get(30, TimeUnit.SECONDS);

        assertThat(bothChecked.getCount()).as("both failures found the page open").isZero();
        assertThat(failures).extracting(f -> f.getMessage().getHeader(BrowserBridge.ACTION))
                .containsExactlyInAnyOrder("close", "none");
        assertThat(bridge.getCounters().closed(CloseReason.MODEL)).isEqualTo(1);
        assertThat(bridge.getCounters().framesDropped()).isEqualTo(1);
    }

    private Exchange event(String event) {
        Exchange exchange = new DefaultExchange(context);
        exchange.getMessage().setHeader(GeminiLiveWebsocketConstants.CONNECTION_KEY, PAGE);
        exchange.getMessage().setHeader(GeminiLiveWebsocketConstants.EVENT, event);
        return exchange;
    }

    /**
     * A frame's failed send, as the route's error handler hands it on. The bridge reads the error's message (for its
     * log) between finding the page open and closing it: there this one waits for {@code bothChecked}.
     */
    private Exchange failure(CountDownLatch bothChecked) {
        Exchange exchange = event("message");
        exchange.setProperty(Exchange.EXCEPTION_CAUGHT, new IllegalStateException() {
            @Override
            public String getMessage() {
                bothChecked.countDown();
                try {
                    // generous: if the bridge ever closes before reading the message, the test waits, then fails
                    bothChecked.await(30, TimeUnit.SECONDS);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
                return "the session is gone";
            }
        });
        return exchange;
    }
}
