package io.github.camelgeminilive.examples.kafka;

import static org.assertj.core.api.Assertions.assertThat;

import org.apache.camel.CamelContext;
import org.apache.camel.impl.DefaultCamelContext;
import org.apache.camel.support.processor.state.MemoryStateRepository;
import org.junit.jupiter.api.Test;

import io.github.camelgeminilive.component.GeminiLiveEndpoint;

/** The calls' endpoint bounds the sessions one instance opens, whatever keys producers write. */
class LiveEndpointTest {

    @Test
    void theCallsEndpointHoldsAtMostMaxSessionsSessions() throws Exception {
        assertThat(maxSessions(null)).isEqualTo(VoiceRoutes.MAX_SESSIONS);
        assertThat(maxSessions("5")).isEqualTo(5);
    }

    private static int maxSessions(String property) throws Exception {
        try (CamelContext context = new DefaultCamelContext()) {
            context.getPropertiesComponent().addInitialProperty("gemini.baseUrl", "ws://127.0.0.1:1");
            context.getPropertiesComponent().addInitialProperty("gemini.apiKey", "test-key");
            if (property != null) {
                context.getPropertiesComponent().addInitialProperty("gemini.maxSessions", property);
            }
            context.getRegistry().bind("handles", new MemoryStateRepository());
            return context.getEndpoint(VoiceRoutes.LIVE, GeminiLiveEndpoint.class).getConfiguration()
                    .getMaxSessions();
        }
    }
}
