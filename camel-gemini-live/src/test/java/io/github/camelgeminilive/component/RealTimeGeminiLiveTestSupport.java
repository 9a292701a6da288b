package io.github.camelgeminilive.component;

import org.apache.camel.builder.RouteBuilder;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

import io.github.camelgeminilive.emulator.GeminiLiveEmulator;

/**
 * For tests that need a reply still streaming when something happens (barge-in, a drop): a second emulator that
 * streams audio in real time, and one session {@code call} fed by {@code direct:call} with its events in
 * {@code mock:events}.
 */
abstract class RealTimeGeminiLiveTestSupport extends GeminiLiveTestSupport {

    static GeminiLiveEmulator realTime;

    @BeforeAll
    static void startRealTimeEmulator() {
        realTime = GeminiLiveEmulator.builder().port(0).apiKey(API_KEY).pace(1.0).build().start();
    }

    @AfterAll
    static void stopRealTimeEmulator() {
        realTime.close();
    }

    @Override
    protected RouteBuilder createRouteBuilder() {
        return new RouteBuilder() {
            @Override
            public void configure() {
                from(uri(realTime, "call")).to("mock:events");
                from("direct:call").to(uri(realTime, "call"));
            }
        };
    }
}
