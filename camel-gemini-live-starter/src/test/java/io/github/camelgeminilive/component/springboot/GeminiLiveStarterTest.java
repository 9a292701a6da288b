package io.github.camelgeminilive.component.springboot;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;

import org.apache.camel.CamelContext;
import org.apache.camel.ProducerTemplate;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import io.github.camelgeminilive.component.GeminiLiveComponent;
import io.github.camelgeminilive.component.GeminiLiveConfiguration;
import io.github.camelgeminilive.emulator.GeminiLiveEmulator;
import io.micrometer.core.instrument.MeterRegistry;

/**
 * A Spring Boot application with the starter: the route of routes/ask.yaml and the component options of
 * application.yaml, against the emulator on 127.0.0.1 (its address and key added as properties).
 */
@SpringBootTest(classes = StarterTestApplication.class)
class GeminiLiveStarterTest {

    private static final String API_KEY = "AIzaTEST-starter-key-5d21";

    private static GeminiLiveEmulator emulator;

    @Autowired
    private CamelContext camelContext;

    @Autowired
    private ProducerTemplate template;

    @Autowired
    private MeterRegistry meterRegistry;

    /** Spring calls this when it builds the context, before any bean: the emulator must run by then. */
    @DynamicPropertySource
    static void emulatorProperties(DynamicPropertyRegistry registry) {
        emulator = GeminiLiveEmulator.builder().port(0).apiKey(API_KEY).pace(0.0).build().start();
        registry.add("camel.component.gemini-live.base-url", () -> emulator.baseUrl().toString());
        registry.add("camel.component.gemini-live.api-key", () -> API_KEY);
    }

    @AfterAll
    static void stopEmulator() {
        if (emulator != null) {
            emulator.close();
        }
    }

    @Test
    void theRouteOfTheYamlFileAsksTheModelAndGetsItsTranscript() {
        String reply = template.requestBody("direct:ask", "Hello from Spring Boot", String.class);

        assertThat(reply).isEqualTo("You said: Hello from Spring Boot");
        assertThat(emulator.admin().sessions()).as("the emulator's sessions").hasSize(1);
    }

    @Test
    void theComponentsMetersGoToTheApplicationsMeterRegistry() {
        template.requestBody("direct:ask", "Count me", String.class);

        assertThat(meterRegistry.get("gemini.live.connections").functionCounter().count()).isPositive();
        assertThat(meterRegistry.get("gemini.live.frames.sent").functionCounter().count()).isPositive();
    }

    @Test
    void thePropertiesAreBoundOntoTheComponent() {
        GeminiLiveComponent component = camelContext.getComponent("gemini-live", GeminiLiveComponent.class);
        GeminiLiveConfiguration configuration = component.getConfiguration();

        assertThat(configuration.getBaseUrl()).isEqualTo(emulator.baseUrl().toString());
        assertThat(configuration.getReplyTimeout()).isEqualTo(45_000L);
        assertThat(configuration.getSystemInstruction()).isEqualTo("Answer in one short sentence.");
        // the function name keeps its underscore, which Spring's relaxed map binding would drop
        assertThat(configuration.getToolEndpoint()).containsExactly(Map.entry("get_weather", "direct:weather"));
        assertThat(component.getEventThreadPoolSize()).isEqualTo(4);
    }

    @Test
    void anUnknownOptionFailsWithItsNameAndNotItsValue() {
        GeminiLiveComponent component = new GeminiLiveComponent();

        assertThatThrownBy(() -> GeminiLiveComponentAutoConfiguration.bind(camelContext, component,
                Map.of("replyTimeout", "5s", "replyTimout", "secret-value")))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("replyTimout")
                .hasMessageNotContaining("secret-value");
        assertThat(component.getConfiguration().getReplyTimeout()).isEqualTo(5_000L);
    }
}
