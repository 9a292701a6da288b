package io.github.camelgeminilive.component;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.concurrent.TimeUnit;

import org.apache.camel.CamelContext;
import org.apache.camel.Exchange;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.component.mock.MockEndpoint;
import org.junit.jupiter.api.Test;

import io.github.camelgeminilive.emulator.SessionInfo;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;

/**
 * The endpoints' Micrometer meters, found through the single MeterRegistry bean (as Spring Boot provides it),
 * against what the emulator counted for a scripted call with a go-away in the middle.
 */
class GeminiLiveMetersTest extends GeminiLiveTestSupport {

    private static final int FRAME_MILLIS = 20;

    private final MeterRegistry meters = new SimpleMeterRegistry();
    private int deadPort;

    @Override
    protected CamelContext createCamelContext() throws Exception {
        CamelContext context = super.createCamelContext();
        context.getRegistry().bind("meters", meters);
        return context;
    }

    @Override
    protected RouteBuilder createRouteBuilder() {
        return new RouteBuilder() {
            @Override
            public void configure() {
                from(uri("call")).to("mock:call");
                from("direct:call").to(uri("call"));
                from("direct:keyed").to(uri("keyed", "openOnStart=false"));
                from("direct:dead").to(deadUri());
            }
        };
    }

    @Test
    void theCountersEqualTheEmulatorsAfterACallWithAGoAway() throws Exception {
        MockEndpoint mock = getMockEndpoint("mock:call");
        sendSilence("direct:call", 10);
        Exchange first = ask("direct:call", "My name is Carol");
        String sessionId = first.getMessage().getHeader(GeminiLiveConstants.SESSION_ID, String.class);

        emulator.admin().goAway(sessionId, Duration.ofSeconds(1));
        awaitEvent(mock, GeminiLiveEventType.RECONNECTED);
        sendSilence("direct:call", 5);
        Exchange second = ask("direct:call", "What is my name?");
        assertThat(second.getMessage().getHeader(GeminiLiveConstants.OUTPUT_TRANSCRIPT, String.class))
                .contains("Carol");

        // frames.sent counts the client messages after setup, as the emulator does (replays included)
        await().atMost(Duration.ofSeconds(10)).until(
                () -> count("frames.sent") == emulator.admin().session(sessionId).orElseThrow().clientMessages());
        SessionInfo info = emulator.admin().session(sessionId).orElseThrow();
        assertThat(info.connectionsOpened()).isEqualTo(2);
        assertThat(count("connections")).isEqualTo(info.connectionsOpened());
        assertThat(count("reconnects")).isEqualTo(info.connectionsOpened() - 1);
        assertThat(count("go.aways")).isEqualTo(1);
        // audio as written, replays included: the emulator's raw count
        assertThat(meters.get("gemini.live.audio.sent").tag("endpointName", callUri()).functionCounter().count()
                * TestAudio.RATE).isEqualTo(info.audioSamplesReceived());
        assertThat(info.audioSamplesReceived()).isGreaterThanOrEqualTo(15L * TestAudio.RATE * FRAME_MILLIS / 1000);
        assertThat(count("sent")).isGreaterThan(15L * TestAudio.silence(FRAME_MILLIS).length);
        // setupComplete twice, the go-away, the two replies
        assertThat(count("frames.received")).isGreaterThanOrEqualTo(5);
        assertThat(count("received")).isGreaterThan(count("frames.received"));
        assertThat(meters.get("gemini.live.sessions.open").tag("endpointName", callUri()).gauge().value())
                .isEqualTo(1.0);
        assertThat(
                meters.get("gemini.live.dropped").tags("endpointName", callUri(), "reason", "events").functionCounter()
                        .count())
                .isZero();
        assertThat(
                meters.get("gemini.live.refused").tags("endpointName", callUri(), "reason", "sends").functionCounter()
                        .count())
                .isZero();

        Timer firstAudio = meters.get("gemini.live.first.audio").tag("endpointName", callUri()).timer();
        assertThat(firstAudio.count()).isEqualTo(2); // one per text turn answered with audio
        assertThat(firstAudio.max(TimeUnit.NANOSECONDS)).isPositive();
        Timer gap = meters.get("gemini.live.reconnect.gap").tag("endpointName", callUri()).timer();
        assertThat(gap.count()).isEqualTo(1);
        assertThat(gap.totalTime(TimeUnit.NANOSECONDS)).isPositive();

        Meter connections = meters.get("gemini.live.connections").tag("endpointName", callUri()).meter();
        assertThat(connections.getId().getTag("camelContext")).isEqualTo(context.getName());
        assertThat(connections.getId().getTag("endpointName")).startsWith("gemini-live://call?")
                .contains("apiKey=xxxxxx");
        assertThat(meters.getMeters()).allSatisfy(m -> assertThat(m.getId().toString()).doesNotContain(API_KEY));

        context.stop();
        assertThat(meters.getMeters()).as("removed when the endpoint stops").isEmpty();
    }

    @Test
    void theCountsOfAForgottenSessionStay() {
        Exchange answered = template.request("direct:keyed", e -> {
            e.getMessage().setHeader(GeminiLiveConstants.SESSION_KEY, "call-1");
            e.getMessage().setBody("Hello");
        });
        assertThat(answered.getException()).isNull();
        GeminiLiveEndpoint endpoint = context.getEndpoint(uri("keyed", "openOnStart=false"), GeminiLiveEndpoint.class);
        long sent = (long) meters.get("gemini.live.frames.sent").tag("endpointName", endpoint.getEndpointUri())
                .functionCounter().count();
        assertThat(sent).isEqualTo(1);

        template.send("direct:keyed", e -> {
            e.getMessage().setHeader(GeminiLiveConstants.SESSION_KEY, "call-1");
            e.getMessage().setHeader(GeminiLiveConstants.OPERATION, GeminiLiveOperation.close.name());
        });
        await().atMost(Duration.ofSeconds(10)).until(() -> endpoint.getSessionsOpen() == 0);

        assertThat(meters.get("gemini.live.frames.sent").tag("endpointName", endpoint.getEndpointUri())
                .functionCounter().count()).isEqualTo(sent);
        assertThat(meters.get("gemini.live.connections").tag("endpointName", endpoint.getEndpointUri())
                .functionCounter().count()).isEqualTo(1);
        assertThat(meters.get("gemini.live.sessions.open").tag("endpointName", endpoint.getEndpointUri())
                .gauge().value()).isZero();
    }

    @Test
    void aKeyedSessionWhoseFirstConnectFailsCountsAsAConnectFailure() {
        Exchange failed = template.request("direct:dead", e -> {
            e.getMessage().setHeader(GeminiLiveConstants.SESSION_KEY, "call-1");
            e.getMessage().setBody("Hello");
        });

        assertThat(failed.getException()).isNotNull();
        String dead = context.getEndpoint(deadUri()).getEndpointUri();
        assertThat(meters.get("gemini.live.connect.failures").tag("endpointName", dead).functionCounter().count())
                .isEqualTo(1);
    }

    /** An endpoint whose service is not there: the port of a server socket closed again. */
    private String deadUri() {
        if (deadPort == 0) {
            try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
                deadPort = socket.getLocalPort();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        String base = emulator.baseUrl().toString();
        return uri("dead", "openOnStart=false").replace(base, base.replace(":" + emulator.port(), ":" + deadPort));
    }

    /** A counter of the endpoint "call". */
    private long count(String name) {
        return (long) meters.get("gemini.live." + name).tag("endpointName", callUri()).functionCounter().count();
    }

    private String callUri() {
        return context.getEndpoint(uri("call")).getEndpointUri();
    }

    private void sendSilence(String route, int frames) {
        for (int i = 0; i < frames; i++) {
            template.sendBody(route, TestAudio.silence(FRAME_MILLIS));
        }
    }

    private Exchange ask(String route, String text) {
        Exchange reply = template.request(route, e -> e.getMessage().setBody(text));
        assertThat(reply.getException()).isNull();
        return reply;
    }
}
