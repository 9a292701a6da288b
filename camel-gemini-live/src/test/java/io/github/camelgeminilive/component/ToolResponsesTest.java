package io.github.camelgeminilive.component;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

import org.apache.camel.CamelContext;
import org.apache.camel.Message;
import org.apache.camel.impl.DefaultCamelContext;
import org.apache.camel.support.DefaultExchange;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.github.camelgeminilive.protocol.FunctionCall;
import io.github.camelgeminilive.protocol.FunctionResponse;

/** What a tool route's body becomes in the response, and which scheduling a response carries. */
class ToolResponsesTest {

    private static final FunctionCall WEATHER = new FunctionCall("call-1", "get_weather", Map.of("city", "Paris"));
    private static final FunctionCall NOTIFY = new FunctionCall("call-2", "notify_staff", Map.of());

    private final CamelContext context = new DefaultCamelContext();
    private final ToolDeclarations declarations = declarations();

    record Weather(String city, int celsius) {
    }

    @BeforeEach
    void start() {
        context.start();
    }

    @AfterEach
    void close() throws Exception {
        context.close();
    }

    @Test
    void bodiesBecomeResponses() {
        assertThat(response(Map.of("temperature", "21C"))).isEqualTo(Map.of("temperature", "21C"));
        assertThat(response(new Weather("Paris", 21))).isEqualTo(Map.of("city", "Paris", "celsius", 21));
        assertThat(response("Sunny")).isEqualTo(Map.of("result", "Sunny"));
        assertThat(response(21)).isEqualTo(Map.of("result", 21));
        assertThat(response(true)).isEqualTo(Map.of("result", true));
        assertThat(response(List.of("a", "b"))).isEqualTo(Map.of("result", List.of("a", "b")));
        assertThat(response(null)).isEmpty();
        assertThat(response(new ByteArrayInputStream("Sunny".getBytes(StandardCharsets.UTF_8))))
                .isEqualTo(Map.of("result", "Sunny"));
        assertThat(response("Sunny".getBytes(StandardCharsets.UTF_8))).isEqualTo(Map.of("result", "Sunny"));
    }

    @Test
    void aFailureIsAnErrorResponseToTheSameCall() {
        FunctionResponse error = ToolResponses.error(WEATHER, "Weather service down", declarations);

        assertThat(error).isEqualTo(new FunctionResponse("call-1", "get_weather",
                Map.of("error", "Weather service down"), null));
        assertThat(ToolResponses.describe(new IllegalStateException())).isEqualTo("IllegalStateException");
    }

    @Test
    void nonBlockingResponsesCarryTheirSchedulingAndTheRouteMayChangeIt() {
        assertThat(ToolResponses.result(NOTIFY, message("done", null), declarations).scheduling())
                .isEqualTo("WHEN_IDLE");
        assertThat(ToolResponses.result(NOTIFY, message("done", "silent"), declarations).scheduling())
                .isEqualTo("SILENT");
        assertThat(ToolResponses.error(NOTIFY, "failed", declarations).scheduling()).isEqualTo("WHEN_IDLE");
        assertThat(ToolResponses.result(WEATHER, message("Sunny", null), declarations).scheduling()).isNull();

        assertThatThrownBy(() -> ToolResponses.result(WEATHER, message("Sunny", "SILENT"), declarations))
                .hasMessageContaining("applies to NON_BLOCKING functions only, and 'get_weather' is not one");
        assertThatThrownBy(() -> ToolResponses.result(NOTIFY, message("done", "soon"), declarations))
                .hasMessageContaining("CamelGeminiLiveToolScheduling is 'soon'");
    }

    private Map<String, Object> response(Object body) {
        return ToolResponses.result(WEATHER, message(body, null), declarations).response();
    }

    private Message message(Object body, String scheduling) {
        Message m = new DefaultExchange(context).getMessage();
        m.setBody(body);
        m.setHeader(GeminiLiveConstants.TOOL_SCHEDULING, scheduling);
        return m;
    }

    private ToolDeclarations declarations() {
        GeminiLiveConfiguration c = new GeminiLiveConfiguration();
        c.setTools(GeminiLiveTools.create()
                .function("get_weather").to("direct:weather")
                .function("notify_staff").nonBlocking(GeminiLiveTools.Scheduling.WHEN_IDLE).to("direct:notify"));
        return ToolDeclarations.resolve(context, c);
    }
}
