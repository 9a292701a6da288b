package io.github.camelgeminilive.component;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.apache.camel.CamelContext;
import org.apache.camel.impl.DefaultCamelContext;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.github.camelgeminilive.component.GeminiLiveTools.Scheduling;
import io.github.camelgeminilive.protocol.FunctionDeclaration;
import io.github.camelgeminilive.protocol.Tool;

/** The tools option from a file, a bean or the DSL, bound by options; every mistake is an error naming it. */
class ToolDeclarationsTest {

    private final CamelContext context = new DefaultCamelContext();

    @BeforeEach
    void start() {
        context.start();
    }

    @AfterEach
    void close() throws Exception {
        context.close();
    }

    @Test
    void aYamlFileDeclaresFunctionsThatOptionsBind() {
        GeminiLiveConfiguration c = new GeminiLiveConfiguration();
        c.setTools("classpath:tools/agent-tools.yaml");
        c.setToolEndpoint(Map.of("get_weather", "direct:weather"));
        c.setToolScheduling(Map.of("notify_staff", "silent"));
        c.setDefaultToolEndpoint("direct:tools");

        ToolDeclarations d = ToolDeclarations.resolve(context, c);

        assertThat(d.tools()).singleElement().extracting(Tool::functionDeclarations).asList()
                .extracting("name").containsExactly("get_weather", "notify_staff");
        FunctionDeclaration weather = d.tools().get(0).functionDeclarations().get(0);
        assertThat(weather.parameters()).containsEntry("required", List.of("city"));
        assertThat(d.endpointFor("get_weather")).isEqualTo("direct:weather");
        assertThat(d.endpointFor("notify_staff")).isEqualTo("direct:tools");
        assertThat(d.endpointUris()).containsExactlyInAnyOrder("direct:weather", "direct:tools");
        assertThat(d.isNonBlocking("notify_staff")).isTrue();
        assertThat(d.isNonBlocking("get_weather")).isFalse();
        assertThat(d.scheduling("notify_staff")).isEqualTo(Scheduling.SILENT);
    }

    @Test
    void aJsonFileAndInlineJsonDeclareTheSameFunctions() {
        GeminiLiveConfiguration file = new GeminiLiveConfiguration();
        file.setTools("classpath:tools/agent-tools.json");
        GeminiLiveConfiguration inline = new GeminiLiveConfiguration();
        inline.setTools("[{\"name\":\"get_weather\",\"description\":\"The current weather in a city\",\"parameters\":"
                + "{\"type\":\"OBJECT\",\"properties\":{\"city\":{\"type\":\"STRING\"}},\"required\":[\"city\"]}}]");

        assertThat(ToolDeclarations.resolve(context, file).tools())
                .isEqualTo(ToolDeclarations.resolve(context, inline).tools());
        assertThat(ToolDeclarations.resolve(context, file).endpointFor("get_weather")).isNull(); // by hand
    }

    @Test
    void theDslDeclaresAndBindsAndOptionsOverrideIt() {
        GeminiLiveConfiguration c = new GeminiLiveConfiguration();
        c.setTools(GeminiLiveTools.create()
                .function("get_weather").parameters(Map.of("type", "OBJECT")).to("direct:weather")
                .function("notify_staff").nonBlocking(Scheduling.WHEN_IDLE).to("direct:notify")
                .function("transfer_call").end());
        c.setToolEndpoint(Map.of("get_weather", "direct:other-weather"));

        ToolDeclarations d = ToolDeclarations.resolve(context, c);

        assertThat(d.tools()).singleElement().extracting(Tool::functionDeclarations).asList()
                .extracting("name").containsExactly("get_weather", "notify_staff", "transfer_call");
        assertThat(d.endpointFor("get_weather")).isEqualTo("direct:other-weather");
        assertThat(d.endpointFor("notify_staff")).isEqualTo("direct:notify");
        assertThat(d.endpointFor("transfer_call")).isNull();
        assertThat(d.scheduling("notify_staff")).isEqualTo(Scheduling.WHEN_IDLE);
        assertThat(d.tools().get(0).functionDeclarations().get(1).behavior()).isEqualTo("NON_BLOCKING");
    }

    @Test
    void mistakesAreErrorsThatNameThem() {
        assertThatThrownBy(() -> resolve("classpath:tools/missing.yaml", Map.of(), Map.of()))
                .hasMessageContaining("Cannot read the gemini-live tools file classpath:tools/missing.yaml");
        assertThatThrownBy(() -> resolve("classpath:logback-test.xml", Map.of(), Map.of()))
                .hasMessageContaining("classpath:logback-test.xml is not a JSON list of function declarations");
        assertThatThrownBy(() -> resolve("classpath:tools/agent-tools.yaml", Map.of("get_wether", "direct:w"),
                Map.of())).hasMessageContaining("toolEndpoint.get_wether names no declared function")
                .hasMessageContaining("[get_weather, notify_staff]");
        assertThatThrownBy(() -> resolve("classpath:tools/agent-tools.yaml", Map.of(),
                Map.of("get_weather", "SILENT"))).hasMessageContaining("toolScheduling.get_weather applies to"
                        + " NON_BLOCKING functions only");
        assertThatThrownBy(() -> resolve("classpath:tools/agent-tools.yaml", Map.of(),
                Map.of("notify_staff", "LATER"))).hasMessageContaining("toolScheduling.notify_staff is 'LATER'")
                .hasMessageContaining("[INTERRUPT, WHEN_IDLE, SILENT]");
        assertThatThrownBy(() -> resolve("[{\"name\":\"a\"},{\"name\":\"a\"}]", Map.of(), Map.of()))
                .hasMessageContaining("Function 'a' is declared twice");
        assertThatThrownBy(() -> resolve("[{\"name\":\"a\",\"behavior\":\"LAZY\"}]", Map.of(), Map.of()))
                .hasMessageContaining("Function 'a' has behavior 'LAZY'");
        assertThatThrownBy(() -> resolve("[{\"description\":\"nameless\"}]", Map.of(), Map.of()))
                .hasMessageContaining("needs a name");
        assertThatThrownBy(() -> GeminiLiveTools.create().function("a").parameters("{oops"))
                .hasMessageContaining("parameters of function 'a' is not a JSON object");
        assertThatThrownBy(() -> GeminiLiveTools.create().function("a").end().function("a"))
                .hasMessageContaining("declared twice");
    }

    @Test
    void anEndpointsBindingsLeaveTheComponentsDefaultsAlone() {
        GeminiLiveComponent component = new GeminiLiveComponent();
        Map<String, Object> defaults = new HashMap<>(Map.of("get_weather", "direct:weather"));
        component.getConfiguration().setToolEndpoint(defaults);
        context.addComponent("gemini-live", component);

        GeminiLiveEndpoint endpoint = context.getEndpoint("gemini-live:agent?apiKey=k"
                + "&tools=classpath:tools/agent-tools.yaml&toolEndpoint.notify_staff=direct:notify",
                GeminiLiveEndpoint.class);

        assertThat(endpoint.getConfiguration().getToolEndpoint())
                .isEqualTo(Map.of("get_weather", "direct:weather", "notify_staff", "direct:notify"));
        assertThat(defaults).isEqualTo(Map.of("get_weather", "direct:weather"));
    }

    private ToolDeclarations resolve(String tools, Map<String, Object> endpoints, Map<String, Object> scheduling) {
        GeminiLiveConfiguration c = new GeminiLiveConfiguration();
        c.setTools(tools);
        c.setToolEndpoint(endpoints);
        c.setToolScheduling(scheduling);
        return ToolDeclarations.resolve(context, c);
    }
}
