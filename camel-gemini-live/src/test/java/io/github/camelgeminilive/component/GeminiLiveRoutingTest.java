package io.github.camelgeminilive.component;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import org.apache.camel.CamelContext;
import org.apache.camel.Exchange;
import org.apache.camel.ExchangePattern;
import org.apache.camel.ExchangeTimedOutException;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.component.mock.MockEndpoint;
import org.apache.camel.support.PluginHelper;
import org.apache.camel.support.ResourceHelper;
import org.junit.jupiter.api.Test;

import io.github.camelgeminilive.session.LiveSessionException;

/** Component configuration, threads, timeouts, error handling and the YAML DSL. */
class GeminiLiveRoutingTest extends GeminiLiveTestSupport {

    private static final String WEATHER_JSON = "[{\"name\":\"get_weather\",\"description\":\"Weather in a city\","
            + "\"parameters\":{\"type\":\"OBJECT\",\"properties\":{\"city\":"
            + "{\"type\":\"STRING\"}},\"required\":[\"city\"]}}]";

    private final RecordingExceptionHandler recorder = new RecordingExceptionHandler();
    private final List<Throwable> handled = recorder.handled;
    private final List<String> eventThreads = new CopyOnWriteArrayList<>();

    @Override
    protected CamelContext createCamelContext() throws Exception {
        CamelContext context = super.createCamelContext();
        context.getPropertiesComponent().addInitialProperty("gemini.baseUrl", emulator.baseUrl().toString());
        // component-level options: endpoints without apiKey/baseUrl in their URI inherit them
        GeminiLiveComponent component = new GeminiLiveComponent();
        component.getConfiguration().setApiKey(API_KEY);
        component.getConfiguration().setBaseUrl(emulator.baseUrl().toString());
        context.addComponent("gemini-live", component);
        return context;
    }

    @Override
    protected void bindToRegistry(org.apache.camel.spi.Registry registry) {
        registry.bind("recordingHandler", recorder);
    }

    @Override
    protected RouteBuilder createRouteBuilder() {
        return new RouteBuilder() {
            @Override
            public void configure() {
                errorHandler(noErrorHandler());
                from("gemini-live:plain").process(e -> eventThreads.add(Thread.currentThread().getName()))
                        .to("mock:plain");
                from("direct:plain").to("gemini-live:plain")
                        .process(e -> e.getMessage().setHeader("continuedOn", Thread.currentThread().getName()));
                from("direct:slow").to("gemini-live:slow?replyTimeout=300");
                from("gemini-live:closing?resilient=false").to("mock:closing");
                from("direct:closing").to("gemini-live:closing?resilient=false");
                from("direct:json-tools").to("gemini-live:json-tools?tools=RAW(" + WEATHER_JSON + ")");
                from("gemini-live:json-tools?tools=RAW(" + WEATHER_JSON + ")").to("mock:json-tools");
                from("direct:realtime-text").to("gemini-live:realtime?textTurnMode=REALTIME_TEXT");
                from("gemini-live:failing?exceptionHandler=#recordingHandler")
                        .filter(header(GeminiLiveConstants.EVENT_TYPE).isEqualTo("setupComplete"))
                        .throwException(new IllegalStateException("route failure"));
                from("gemini-live:refused?apiKey=nope&exceptionHandler=#recordingHandler").to("mock:refused");
            }
        };
    }

    @Test
    void componentLevelOptionsReachEndpointsAndWorkRunsOnCamelThreads() {
        Exchange reply = template.request("direct:plain", e -> e.getMessage().setBody("Threads?"));

        assertThat(reply.getMessage().getHeader(GeminiLiveConstants.OUTPUT_TRANSCRIPT)).isEqualTo("You said: Threads?");
        assertThat(reply.getMessage().getHeader("continuedOn", String.class)).contains("GeminiLiveReplies");
        awaitEvent(getMockEndpoint("mock:plain"), GeminiLiveEventType.TURN_COMPLETE);
        assertThat(eventThreads).isNotEmpty().allMatch(name -> name.contains("GeminiLiveEvents"));
    }

    @Test
    void inOutWithoutAReplyTurnTimesOut() {
        // silence is no user turn: the model never answers
        Exchange reply = template.request("direct:slow", e -> e.getMessage().setBody(TestAudio.silence(100)));

        assertThat(reply.getException()).isInstanceOf(ExchangeTimedOutException.class)
                .hasMessageContaining("No complete reply turn").hasMessageContaining("'slow'");
    }

    @Test
    void inOutFailsWhenAPlainSessionClosesFirst() throws Exception {
        MockEndpoint closing = getMockEndpoint("mock:closing");
        String sessionId = sessionOf(closing).sessionId();
        var reply = template.asyncSend("direct:closing", e -> {
            e.setPattern(ExchangePattern.InOut);
            e.getMessage().setBody(TestAudio.silence(100));
        });
        await().atMost(Duration.ofSeconds(5))
                .until(() -> emulator.admin().session(sessionId).orElseThrow().audioSamples() == 1600);

        emulator.admin().close(sessionId, 1011, "overloaded");

        assertThat(reply.get().getException()).isInstanceOf(LiveSessionException.ServerErrorException.class)
                .hasMessageContaining("overloaded");
    }

    @Test
    void toolsAsAJsonArrayOfFunctionDeclarations() {
        template.sendBody("direct:json-tools", "Weather in Rome?");

        Exchange call = awaitEvent(getMockEndpoint("mock:json-tools"), GeminiLiveEventType.TOOL_CALL);
        assertThat(call.getMessage().getHeader(GeminiLiveConstants.FUNCTION_NAME)).isEqualTo("get_weather");
    }

    @Test
    void textTurnModeOverridesTheModelRule() {
        Exchange reply = template.request("direct:realtime-text", e -> e.getMessage().setBody("Realtime please"));

        assertThat(reply.getMessage().getHeader(GeminiLiveConstants.OUTPUT_TRANSCRIPT))
                .isEqualTo("You said: Realtime please");
        GeminiLiveEndpoint endpoint = context.getEndpoint("gemini-live:realtime?textTurnMode=REALTIME_TEXT",
                GeminiLiveEndpoint.class);
        assertThat(endpoint.getConfiguration().getTextTurnMode())
                .isEqualTo(io.github.camelgeminilive.protocol.ModelRules.TextTurn.REALTIME_TEXT);
    }

    @Test
    void consumerFailuresGoToItsExceptionHandler() {
        await().atMost(Duration.ofSeconds(10)).until(() -> handled.size() >= 2);

        assertThat(handled).anySatisfy(t -> assertThat(t).hasMessageContaining("route failure"));
        assertThat(handled).anySatisfy(t -> assertThat(t)
                .isInstanceOf(LiveSessionException.PolicyViolationException.class));
    }

    @Test
    void yamlDslRoute() throws Exception {
        PluginHelper.getRoutesLoader(context)
                .loadRoutes(ResourceHelper.resolveMandatoryResource(context, "classpath:routes/ask.yaml"));
        MockEndpoint turns = getMockEndpoint("mock:turns");
        turns.expectedMinimumMessageCount(1);

        Exchange reply = template.request("direct:ask", e -> e.getMessage().setBody("Hello from YAML"));

        assertThat(reply.getMessage().getHeader(GeminiLiveConstants.OUTPUT_TRANSCRIPT))
                .isEqualTo("You said: Hello from YAML");
        turns.assertIsSatisfied();
    }
}
