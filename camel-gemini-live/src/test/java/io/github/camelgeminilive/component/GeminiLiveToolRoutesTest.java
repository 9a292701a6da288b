package io.github.camelgeminilive.component;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

import org.apache.camel.CamelContext;
import org.apache.camel.Exchange;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.component.mock.MockEndpoint;
import org.apache.camel.spi.Registry;
import org.apache.camel.support.PluginHelper;
import org.apache.camel.support.ResourceHelper;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.github.camelgeminilive.emulator.GeminiLiveEmulator;

/**
 * Tools as routes against the emulator, whose model quotes the tool response it got in its reply ("The get_weather
 * result is {...}."): a route's result, a route's failure and a timeout reach the model; a cancellation stops the
 * route and its result never reaches the model. Evidence: the model's reply and what reached the model (recorded).
 */
class GeminiLiveToolRoutesTest extends GeminiLiveTestSupport {

    private static final RecordingSimulatedModel MODEL = new RecordingSimulatedModel();
    private static final String TOOLS = "tools=#agentTools";
    private static GeminiLiveEmulator recorded;

    private final CountDownLatch bookingStarted = new CountDownLatch(1);
    private final CountDownLatch releaseBooking = new CountDownLatch(1);
    private final CountDownLatch bookingInterrupted = new CountDownLatch(1);
    private final List<String> bookingCalls = new CopyOnWriteArrayList<>();

    @BeforeAll
    static void startRecordingEmulator() {
        recorded = emulatorOn127().engine(MODEL).build().start();
    }

    @AfterAll
    static void stopRecordingEmulator() {
        recorded.close();
    }

    @BeforeEach
    void forgetEarlierTests() {
        MODEL.clear();
    }

    @AfterEach
    void releaseBookingRoutes() {
        releaseBooking.countDown();
    }

    @Override
    protected CamelContext createCamelContext() throws Exception {
        CamelContext context = super.createCamelContext();
        context.getPropertiesComponent().addInitialProperty("gemini.baseUrl", recorded.baseUrl().toString());
        return context;
    }

    @Override
    protected void bindToRegistry(Registry registry) {
        registry.bind("agentTools", GeminiLiveTools.create()
                .function("get_weather").description("The current weather in a city")
                .parameters("{\"type\":\"OBJECT\",\"properties\":{\"city\":{\"type\":\"STRING\"}},"
                        + "\"required\":[\"city\"]}")
                .to("direct:get-weather")
                .function("get_stock_price").description("The price of a company's share").to("direct:get-stock-price")
                .function("book_table").description("Books a table at the restaurant").to("direct:book-table")
                .function("notify_staff").description("Tells the staff about a request")
                .nonBlocking(GeminiLiveTools.Scheduling.WHEN_IDLE).to("direct:notify"));
    }

    @Override
    protected RouteBuilder createRouteBuilder() {
        return new RouteBuilder() {
            @Override
            public void configure() {
                from("direct:get-weather").to("mock:weather").process(e -> {
                    Map<String, Object> weather = new LinkedHashMap<>();
                    weather.put("temperature", "21C");
                    weather.put("city", e.getMessage().getBody(Map.class).get("city"));
                    e.getMessage().setBody(weather);
                });
                from("direct:get-stock-price").throwException(new IllegalStateException("Stock service down"));
                from("direct:notify").setBody(constant("notified"));
                from("direct:book-table").process(e -> {
                    bookingCalls.add(e.getMessage().getHeader(GeminiLiveConstants.TOOL_CALL_ID, String.class));
                    bookingStarted.countDown();
                    try {
                        if (!releaseBooking.await(30, TimeUnit.SECONDS)) {
                            throw new IllegalStateException("the test never released the booking");
                        }
                    } catch (InterruptedException interrupted) {
                        // swallowed on purpose: stopping the route must keep its next step from running
                        bookingInterrupted.countDown();
                        return;
                    }
                    e.getMessage().setBody("Booked for two");
                }).to("mock:booked");
                from(uri(recorded, "cancel", TOOLS)).to("mock:cancel");
                from("direct:any-tool").setBody(simple("${header." + GeminiLiveConstants.FUNCTION_NAME + "} done"));
            }
        };
    }

    @Test
    void aToolRouteAnswersTheModel() throws Exception {
        MockEndpoint weather = getMockEndpoint("mock:weather");
        weather.expectedMessageCount(1);
        // a consumer of the same endpoint still sees the toolCall event the route answered
        MockEndpoint toolCalls = getMockEndpoint("mock:tool-calls");
        toolCalls.expectedMessageCount(1);
        toolCalls.expectedHeaderReceived(GeminiLiveConstants.FUNCTION_NAME, "get_weather");
        String uri = uri(recorded, "weather", TOOLS);
        context.addRoutes(new RouteBuilder() {
            @Override
            public void configure() {
                from(uri).filter(header(GeminiLiveConstants.EVENT_TYPE).isEqualTo("toolCall")).to("mock:tool-calls");
            }
        });

        Exchange reply = template.request(uri, e -> e.getMessage().setBody("What is the weather in Paris?"));

        assertThat(reply.getException()).isNull();
        assertThat(reply.getMessage().getHeader(GeminiLiveConstants.OUTPUT_TRANSCRIPT, String.class))
                .isEqualTo("The get_weather result is {\"temperature\":\"21C\",\"city\":\"example\"}.");
        weather.assertIsSatisfied();
        toolCalls.assertIsSatisfied();
        Exchange call = weather.getReceivedExchanges().get(0);
        assertThat(call.getMessage().getHeader(GeminiLiveConstants.FUNCTION_NAME)).isEqualTo("get_weather");
        assertThat(call.getMessage().getHeader(GeminiLiveConstants.TOOL_CALL_ID, String.class)).isNotBlank();
        assertThat(call.getMessage().getHeader(GeminiLiveConstants.SESSION_KEY)).isEqualTo("weather");
        assertThat(call.getMessage().getBody(Map.class)).isEqualTo(Map.of("city", "example"));
    }

    @Test
    void oneEndpointAnswersEveryFunctionByItsNameHeader() {
        Exchange reply = template.request(uri(recorded, "any", "tools=classpath:tools/agent-tools.json",
                "defaultToolEndpoint=direct:any-tool"), e -> e.getMessage().setBody("What is the weather in Oslo?"));

        assertThat(reply.getMessage().getHeader(GeminiLiveConstants.OUTPUT_TRANSCRIPT, String.class))
                .isEqualTo("The get_weather result is {\"result\":\"get_weather done\"}.");
    }

    @Test
    void aFailingToolRouteIsAnErrorResponse() {
        Exchange reply = template.request(uri(recorded, "stock", TOOLS),
                e -> e.getMessage().setBody("What is the stock price of ACME?"));

        assertThat(reply.getMessage().getHeader(GeminiLiveConstants.OUTPUT_TRANSCRIPT, String.class))
                .isEqualTo("The get_stock_price result is {\"error\":\"Stock service down\"}.");
        assertThat(endpoint("stock", TOOLS).getToolFailures()).isEqualTo(1);
    }

    @Test
    void aToolTimeoutIsAnErrorResponseAndTheLateResultIsDropped() throws Exception {
        String slow = uri(recorded, "slow", TOOLS, "toolTimeout=300");
        MockEndpoint booked = getMockEndpoint("mock:booked");
        booked.expectedMessageCount(1);

        Exchange reply = template.request(slow, e -> e.getMessage().setBody("Please book a table for two"));

        assertThat(reply.getMessage().getHeader(GeminiLiveConstants.OUTPUT_TRANSCRIPT, String.class))
                .isEqualTo("The book_table result is {\"error\":\"No result from the tool within 300 ms\"}.");
        GeminiLiveEndpoint endpoint = endpoint("slow", TOOLS, "toolTimeout=300");
        assertThat(endpoint.getToolTimeouts()).isEqualTo(1);

        releaseBooking.countDown(); // the route runs on and gives its result, too late
        booked.assertIsSatisfied();
        await().atMost(Duration.ofSeconds(10)).until(() -> endpoint.getToolLateResults() == 1);
        assertThat(toolResponses(bookingCalls.get(0))).singleElement().asString().contains("\"error\"");
    }

    @Test
    void aCancellationStopsTheToolRouteAndDiscardsItsResult() throws Exception {
        MockEndpoint events = getMockEndpoint("mock:cancel");
        MockEndpoint booked = getMockEndpoint("mock:booked");
        template.sendBody(uri(recorded, "cancel", TOOLS), "Please book a table for two");
        assertThat(bookingStarted.await(20, TimeUnit.SECONDS)).isTrue();

        template.sendBody(uri(recorded, "cancel", TOOLS), "Never mind.");

        Exchange cancelled = awaitEvent(events, GeminiLiveEventType.TOOL_CALL_CANCELLATION);
        assertThat(cancelled.getMessage().getBody(List.class)).containsExactly(bookingCalls.get(0));
        assertThat(bookingInterrupted.await(20, TimeUnit.SECONDS)).isTrue();
        GeminiLiveEndpoint endpoint = endpoint("cancel", TOOLS);
        await().atMost(Duration.ofSeconds(10)).until(() -> endpoint.getToolLateResults() == 1);
        awaitEvent(events, GeminiLiveEventType.TURN_COMPLETE); // the reply to "Never mind."
        assertThat(toolResponses(bookingCalls.get(0))).isEmpty();
        assertThat(booked.getReceivedCounter()).isZero(); // the route stopped before its next step
        assertThat(endpoint.getToolTimeouts()).isZero();
    }

    @Test
    void aNonBlockingFunctionsResponseCarriesItsScheduling() {
        Exchange reply = template.request(uri(recorded, "notify", TOOLS),
                e -> e.getMessage().setBody("Please notify the staff"));

        assertThat(reply.getMessage().getHeader(GeminiLiveConstants.OUTPUT_TRANSCRIPT, String.class))
                .isEqualTo("The notify_staff result is {\"result\":\"notified\"}.");
        assertThat(MODEL.messages()).filteredOn(m -> m.startsWith("toolResponse:")).singleElement().asString()
                .contains("\"scheduling\":\"WHEN_IDLE\"");
    }

    @Test
    void yamlDslToolsFileAndToolRoute() throws Exception {
        PluginHelper.getRoutesLoader(context)
                .loadRoutes(ResourceHelper.resolveMandatoryResource(context, "classpath:routes/tools.yaml"));

        Exchange reply = template.request("direct:ask-agent", e -> e.getMessage().setBody("Weather in Rome?"));

        assertThat(reply.getMessage().getHeader(GeminiLiveConstants.OUTPUT_TRANSCRIPT, String.class))
                .isEqualTo("The get_weather result is {\"result\":\"Sunny, 21C in example\"}.");
    }

    @Test
    void aBindingOfAnUndeclaredFunctionFailsTheRoutesStart() {
        assertThatThrownBy(() -> context.addRoutes(new RouteBuilder() {
            @Override
            public void configure() {
                from("direct:typo").to(uri(recorded, "typo", TOOLS, "toolEndpoint.get_wether=direct:weather"));
            }
        })).rootCause().isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("toolEndpoint.get_wether names no declared function");
    }

    private GeminiLiveEndpoint endpoint(String key, String... options) {
        return context.getEndpoint(uri(recorded, key, options), GeminiLiveEndpoint.class);
    }

    /** The function responses to call {@code id} that reached the model. */
    private static List<String> toolResponses(String id) {
        return MODEL.messages().stream().filter(m -> m.startsWith("toolResponse:") && m.contains("\"" + id + "\""))
                .collect(Collectors.toList());
    }
}
