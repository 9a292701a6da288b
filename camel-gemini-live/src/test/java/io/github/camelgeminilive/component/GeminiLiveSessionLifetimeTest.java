package io.github.camelgeminilive.component;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import org.apache.camel.CamelContext;
import org.apache.camel.Exchange;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.component.mock.MockEndpoint;
import org.apache.camel.spi.Registry;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * When an endpoint's sessions end: a keyed session that ended for good is forgotten (its key starts afresh);
 * idleTimeout closes keyed sessions only, and never one with a tool call or an InOut reply under way. Idle periods
 * are short (300 ms) and the "stays open" checks span several of them, so a session closed too early fails them.
 */
class GeminiLiveSessionLifetimeTest extends GeminiLiveTestSupport {

    private static final String IDLE = "idleTimeout=300";
    private static final String BOUND = uri("bound", "tools=#boundTools", "toolTimeout=30000", "openOnStart=false",
            IDLE);
    /** Four idle periods: long enough for several idle sweeps to have run. */
    private static final Duration SEVERAL_IDLE_PERIODS = Duration.ofMillis(1200);

    private final CountDownLatch toolStarted = new CountDownLatch(1);
    private final CountDownLatch releaseTool = new CountDownLatch(1);

    @AfterEach
    void releaseToolRoutes() {
        releaseTool.countDown();
    }

    @Override
    protected CamelContext createCamelContext() throws Exception {
        CamelContext context = super.createCamelContext();
        context.getPropertiesComponent().addInitialProperty("gemini.baseUrl", emulator.baseUrl().toString());
        return context;
    }

    @Override
    protected void bindToRegistry(Registry registry) {
        registry.bind("weatherTools", weatherTools()); // unbound: the test answers by hand
        registry.bind("boundTools", GeminiLiveTools.create().function("get_weather")
                .description("The current weather in a city").to("direct:slow-weather"));
    }

    @Override
    protected RouteBuilder createRouteBuilder() {
        return new RouteBuilder() {
            @Override
            public void configure() {
                from(uri("plain", "resilient=false", "openOnStart=false")).to("mock:plain");
                from(uri("own", IDLE)).to("mock:own");
                from(uri("manual", "tools=#weatherTools", "openOnStart=false", IDLE)).to("mock:manual");
                from(BOUND).to("mock:bound");
                from("direct:slow-weather").process(e -> {
                    toolStarted.countDown();
                    if (!releaseTool.await(30, TimeUnit.SECONDS)) {
                        throw new IllegalStateException("the test never released the tool route");
                    }
                    e.getMessage().setBody(Map.of("temperature", "21C"));
                });
            }
        };
    }

    @Test
    void aKeyedSessionTheServiceClosedIsForgottenAndItsKeyStartsAfresh() {
        String plain = uri("plain", "resilient=false", "openOnStart=false");
        GeminiLiveEndpoint endpoint = context.getEndpoint(plain, GeminiLiveEndpoint.class);
        MockEndpoint events = getMockEndpoint("mock:plain");
        Exchange first = request(plain, "Hello", "caller-1");
        assertThat(first.getException()).isNull();
        String firstId = first.getMessage().getHeader(GeminiLiveConstants.SESSION_ID, String.class);

        emulator.admin().close(firstId, 1011, "overloaded");

        awaitEvent(events, GeminiLiveEventType.CLOSED);
        await().atMost(Duration.ofSeconds(10)).until(() -> endpoint.getSessionsOpen() == 0);
        assertThat(endpoint.getOpenSessionKeys()).isEmpty();
        Exchange again = request(plain, "Back again", "caller-1");
        assertThat(again.getException()).as("the key's next send opens a new session").isNull();
        assertThat(again.getMessage().getHeader(GeminiLiveConstants.OUTPUT_TRANSCRIPT))
                .isEqualTo("You said: Back again");
        assertThat(again.getMessage().getHeader(GeminiLiveConstants.SESSION_ID)).isNotEqualTo(firstId);
        assertThat(endpoint.getSessionsOpened()).isEqualTo(2);
    }

    @Test
    void idleTimeoutLeavesTheEndpointsOwnSessionOpen() {
        GeminiLiveEndpoint endpoint = context.getEndpoint(uri("own", IDLE), GeminiLiveEndpoint.class);
        MockEndpoint events = getMockEndpoint("mock:own");
        String sessionId = sessionOf(events).sessionId();

        await().during(SEVERAL_IDLE_PERIODS).atMost(SEVERAL_IDLE_PERIODS.multipliedBy(5))
                .until(() -> eventsOf(events, GeminiLiveEventType.CLOSED).isEmpty()
                        && emulator.admin().session(sessionId).orElseThrow().openConnections() == 1);
        assertThat(endpoint.getOpenSessionKeys()).containsExactly("own");
    }

    @Test
    void aPendingInOutReplyKeepsTheSessionFromIdling() throws Exception {
        String manual = uri("manual", "tools=#weatherTools", "openOnStart=false", IDLE);
        GeminiLiveEndpoint endpoint = context.getEndpoint(manual, GeminiLiveEndpoint.class);
        MockEndpoint events = getMockEndpoint("mock:manual");
        CompletableFuture<Exchange> reply = CompletableFuture.supplyAsync(
                () -> request(manual, "What is the weather in Paris?", "caller-2"));
        Exchange call = awaitEvent(events, GeminiLiveEventType.TOOL_CALL);

        // nothing is sent and nothing arrives while the model waits for the tool response: only the reply waits
        await().during(SEVERAL_IDLE_PERIODS).atMost(SEVERAL_IDLE_PERIODS.multipliedBy(5))
                .until(() -> !reply.isDone() && endpoint.getOpenSessionKeys().contains("caller-2"));
        template.send(manual, e -> {
            e.getMessage().setBody(Map.of("temperature", "21C"));
            e.getMessage().setHeader(GeminiLiveConstants.SESSION_KEY, "caller-2");
            e.getMessage().setHeader(GeminiLiveConstants.OPERATION, GeminiLiveOperation.sendToolResponse.name());
            e.getMessage().setHeader(GeminiLiveConstants.TOOL_CALL_ID,
                    call.getMessage().getHeader(GeminiLiveConstants.TOOL_CALL_ID));
            e.getMessage().setHeader(GeminiLiveConstants.FUNCTION_NAME, "get_weather");
        });

        Exchange answered = reply.get(30, TimeUnit.SECONDS);
        assertThat(answered.getException()).isNull();
        assertThat(answered.getMessage().getHeader(GeminiLiveConstants.OUTPUT_TRANSCRIPT, String.class))
                .contains("21C");
    }

    @Test
    void aToolRouteInProgressKeepsTheSessionFromIdling() throws Exception {
        GeminiLiveEndpoint endpoint = context.getEndpoint(BOUND, GeminiLiveEndpoint.class);
        MockEndpoint events = getMockEndpoint("mock:bound");
        // InOnly: no reply waits, so only the tool call is under way
        template.send(BOUND, e -> {
            e.getMessage().setBody("What is the weather in Paris?");
            e.getMessage().setHeader(GeminiLiveConstants.SESSION_KEY, "caller-3");
        });
        assertThat(toolStarted.await(20, TimeUnit.SECONDS)).isTrue();

        await().during(SEVERAL_IDLE_PERIODS).atMost(SEVERAL_IDLE_PERIODS.multipliedBy(5))
                .until(() -> endpoint.getOpenSessionKeys().contains("caller-3"));
        releaseTool.countDown();

        // the route's result reached the model, which answered on the same session; then the session idles out
        awaitEvent(events, GeminiLiveEventType.TURN_COMPLETE);
        assertThat(transcript(events)).contains("get_weather").contains("21C");
        await().atMost(Duration.ofSeconds(20)).until(() -> endpoint.getOpenSessionKeys().isEmpty());
        assertThat(endpoint.getToolTimeouts()).isZero();
        assertThat(endpoint.getToolFailures()).isZero();
        assertThat(endpoint.getSessionsOpened()).isEqualTo(1);
    }

    private Exchange request(String uri, String text, String key) {
        return template.request(uri, e -> {
            e.getMessage().setBody(text);
            e.getMessage().setHeader(GeminiLiveConstants.SESSION_KEY, key);
        });
    }
}
