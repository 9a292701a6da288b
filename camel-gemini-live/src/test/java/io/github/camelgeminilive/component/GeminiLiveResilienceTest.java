package io.github.camelgeminilive.component;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import org.apache.camel.Exchange;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.component.mock.MockEndpoint;
import org.junit.jupiter.api.Test;

import io.github.camelgeminilive.emulator.SessionInfo;
import io.github.camelgeminilive.session.LiveSessionException;
import io.github.camelgeminilive.session.ResilienceMetrics;

/** Resilient sessions (the default) through routes: go-away, 1011, tool calls of a lost connection, plain mode. */
class GeminiLiveResilienceTest extends GeminiLiveTestSupport {

    /** 20 ms of 16 kHz audio: 320 samples per frame. */
    private static final int FRAME_MILLIS = 20;
    private static final int FRAME_SAMPLES = TestAudio.RATE * FRAME_MILLIS / 1000;
    /** Fast keepalive, so a half-open connection is found within a second. */
    private static final String KEEPALIVE = "pingInterval=100&pingTimeout=600";

    @Override
    protected void bindToRegistry(org.apache.camel.spi.Registry registry) {
        registry.bind("weatherTools", weatherTools());
    }

    @Override
    protected RouteBuilder createRouteBuilder() {
        return new RouteBuilder() {
            @Override
            public void configure() {
                from(uri("conversation")).to("mock:conversation");
                from("direct:conversation").to(uri("conversation"));

                from(uri("stream", "transparentResumption=true")).to("mock:stream");
                from("direct:stream").to(uri("stream", "transparentResumption=true"));

                // never answers on its own: the test answers late, after the connection was lost
                from(uri("tools", "tools=#weatherTools")).to("mock:tools");
                from("direct:tools").to(uri("tools", "tools=#weatherTools"));

                from(uri("frozen", KEEPALIVE)).to("mock:frozen");
                from("direct:frozen").to(uri("frozen", KEEPALIVE));

                from(uri("final", "resilient=false")).to("mock:final");
                from("direct:final").to(uri("final", "resilient=false"));
            }
        };
    }

    @Test
    void goAwayGivesGoAwayThenReconnectedAndTheConversationGoesOn() {
        MockEndpoint mock = getMockEndpoint("mock:conversation");
        Exchange first = template.request("direct:conversation", e -> e.getMessage().setBody("My name is Bob"));
        assertThat(first.getException()).isNull();
        String sessionId = sessionOf(mock).sessionId();

        emulator.admin().goAway(sessionId, Duration.ofSeconds(5));

        Exchange reconnected = awaitEvent(mock, GeminiLiveEventType.RECONNECTED);
        List<String> types = eventTypes(mock);
        assertThat(types.indexOf("goAway")).isNotNegative().isLessThan(types.indexOf("reconnected"));
        assertThat(types).doesNotContain("closed");
        assertThat(reconnected.getMessage().getHeader(GeminiLiveConstants.DOWNTIME, Long.class)).isNotNegative();
        assertThat(reconnected.getMessage().getHeader(GeminiLiveConstants.RESUMED)).isEqualTo(true);
        assertThat(reconnected.getMessage().getHeader(GeminiLiveConstants.RECONNECT_CAUSE, String.class))
                .containsIgnoringCase("goAway");
        assertThat(reconnected.getMessage().getHeader(GeminiLiveConstants.REPLY_ABORTED)).isEqualTo(false);
        assertThat(reconnected.getMessage().getHeader(GeminiLiveConstants.AUDIO_LOST)).isEqualTo(0L);
        // text only: no audio a handle could have been estimated to cover
        assertThat(reconnected.getMessage().getHeader(GeminiLiveConstants.AUDIO_POSSIBLY_LOST)).isEqualTo(0L);
        assertThat(reconnected.getMessage().getBody(ResilienceMetrics.class).reconnects()).isEqualTo(1);

        awaitReplayedTurn(mock, reconnected);
        Exchange again = template.request("direct:conversation", e -> e.getMessage().setBody("What is my name?"));
        assertThat(again.getException()).isNull();
        assertThat(again.getMessage().getHeader(GeminiLiveConstants.OUTPUT_TRANSCRIPT, String.class))
                .contains("Bob");
        assertThat(again.getMessage().getHeader(GeminiLiveConstants.SESSION_ID)).isEqualTo(sessionId);
        SessionInfo info = emulator.admin().session(sessionId).orElseThrow();
        assertThat(info.connections()).hasSize(2);
        assertThat(info.openConnections()).isEqualTo(1);
        GeminiLiveEndpoint endpoint = context.getEndpoint(uri("conversation"), GeminiLiveEndpoint.class);
        assertThat(endpoint.getSessionReconnects()).isEqualTo(1);
        assertThat(endpoint.getSessionConnections()).isEqualTo(2);
    }

    @Test
    void audioStreamedFromARouteDuringAGoAwayIsCountedExactlyOnce() {
        MockEndpoint mock = getMockEndpoint("mock:stream");
        // a turn first, so the session has a resumption handle to move with
        assertThat(template.request("direct:stream", e -> e.getMessage().setBody("Hello")).getException()).isNull();
        String sessionId = sessionOf(mock).sessionId();
        int frames = 60;

        for (int i = 0; i < frames; i++) {
            if (i == 20) {
                emulator.admin().goAway(sessionId, Duration.ofSeconds(3));
            }
            // InOnly: completes once the frame is written, or held and later flushed during the move
            Exchange sent =
                    template.send("direct:stream", e -> e.getMessage().setBody(TestAudio.silence(FRAME_MILLIS)));
            assertThat(sent.getException()).as("frame %d", i).isNull();
        }

        awaitEvent(mock, GeminiLiveEventType.RECONNECTED);
        long sent = (long) frames * FRAME_SAMPLES;
        await().atMost(Duration.ofSeconds(10))
                .until(() -> emulator.admin().session(sessionId).orElseThrow().audioSamplesInState() == sent);
        SessionInfo info = emulator.admin().session(sessionId).orElseThrow();
        assertThat(info.audioSamplesInState()).isEqualTo(sent);
        assertThat(info.connections()).hasSize(2);
    }

    @Test
    void after1011TheSessionReconnectsWithItsMemory() {
        MockEndpoint mock = getMockEndpoint("mock:conversation");
        Exchange first = template.request("direct:conversation", e -> e.getMessage().setBody("My name is Alice"));
        assertThat(first.getException()).isNull();
        String sessionId = sessionOf(mock).sessionId();

        emulator.admin().close(sessionId, 1011, "maintenance");

        Exchange reconnected = awaitEvent(mock, GeminiLiveEventType.RECONNECTED);
        assertThat(reconnected.getMessage().getHeader(GeminiLiveConstants.RECONNECT_CAUSE, String.class))
                .contains("1011");
        assertThat(reconnected.getMessage().getHeader(GeminiLiveConstants.RECONNECT_ATTEMPTS, Integer.class))
                .isPositive();
        assertThat(eventTypes(mock)).doesNotContain("closed");
        awaitReplayedTurn(mock, reconnected);
        Exchange again = template.request("direct:conversation", e -> e.getMessage().setBody("What is my name?"));
        assertThat(again.getMessage().getHeader(GeminiLiveConstants.OUTPUT_TRANSCRIPT, String.class))
                .contains("Your name is Alice");
        assertThat(emulator.admin().session(sessionId).orElseThrow().connections()).hasSize(2);
    }

    @Test
    void aHalfOpenConnectionIsFoundByThePingTimeoutAndReplaced() {
        MockEndpoint mock = getMockEndpoint("mock:frozen");
        assertThat(template.request("direct:frozen", e -> e.getMessage().setBody("My name is Eve")).getException())
                .isNull();
        String sessionId = sessionOf(mock).sessionId();

        emulator.admin().freeze(sessionId);

        Exchange reconnected = awaitEvent(mock, GeminiLiveEventType.RECONNECTED);
        assertThat(reconnected.getMessage().getHeader(GeminiLiveConstants.RECONNECT_CAUSE, String.class))
                .containsIgnoringCase("pong");
        awaitReplayedTurn(mock, reconnected);
        Exchange again = template.request("direct:frozen", e -> e.getMessage().setBody("What is my name?"));
        assertThat(again.getMessage().getHeader(GeminiLiveConstants.OUTPUT_TRANSCRIPT, String.class)).contains("Eve");
    }

    @Test
    void aToolCallOfALostConnectionIsCancelledAndALateResponseFails() {
        MockEndpoint mock = getMockEndpoint("mock:tools");
        template.sendBody("direct:tools", "What is the weather in Paris?");
        Exchange call = awaitEvent(mock, GeminiLiveEventType.TOOL_CALL);
        String callId = call.getMessage().getHeader(GeminiLiveConstants.TOOL_CALL_ID, String.class);

        emulator.admin().drop(sessionOf(mock).sessionId());

        Exchange cancelled = awaitEvent(mock, GeminiLiveEventType.TOOL_CALL_CANCELLATION);
        assertThat(cancelled.getMessage().getBody(List.class)).containsExactly(callId);
        awaitEvent(mock, GeminiLiveEventType.RECONNECTED);
        Exchange late = template.send("direct:tools", e -> {
            e.getMessage().setBody(Map.of("temperature", "21C"));
            e.getMessage().setHeader(GeminiLiveConstants.OPERATION, "sendToolResponse");
            e.getMessage().setHeader(GeminiLiveConstants.TOOL_CALL_ID, callId);
            e.getMessage().setHeader(GeminiLiveConstants.FUNCTION_NAME, "get_weather");
        });
        assertThat(late.getException()).isInstanceOf(LiveSessionException.class).hasMessageContaining(callId);
    }

    @Test
    void withoutResilienceA1011EndsTheSession() {
        MockEndpoint mock = getMockEndpoint("mock:final");
        String sessionId = sessionOf(mock).sessionId();

        emulator.admin().close(sessionId, 1011, "maintenance");

        Exchange closed = awaitEvent(mock, GeminiLiveEventType.CLOSED);
        assertThat(closed.getMessage().getHeader(GeminiLiveConstants.CLOSE_CODE)).isEqualTo(1011);
        assertThat(closed.getMessage().getHeader(GeminiLiveConstants.CLOSE_REASON)).isEqualTo("maintenance");
        Exchange late = template.send("direct:final", e -> e.getMessage().setBody("anyone there?"));
        assertThat(late.getException()).isInstanceOf(LiveSessionException.ServerErrorException.class)
                .hasMessageContaining("1011").hasMessageContaining("maintenance");
        assertThat(emulator.admin().session(sessionId).orElseThrow().connections()).hasSize(1);
        assertThat(eventsOf(mock, GeminiLiveEventType.RECONNECTED)).isEmpty();
        ResilienceMetrics plain = context.getEndpoint(uri("final", "resilient=false"), GeminiLiveEndpoint.class)
                .getResilienceMetrics();
        assertThat(plain.connections()).isEqualTo(1);
        assertThat(plain.reconnects()).isZero();
    }

    private static List<String> eventTypes(MockEndpoint mock) {
        return mock.getReceivedExchanges().stream()
                .map(e -> e.getMessage().getHeader(GeminiLiveConstants.EVENT_TYPE, String.class)).toList();
    }
}
