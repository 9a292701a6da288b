package io.github.camelgeminilive.component;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import javax.management.MBeanServer;
import javax.management.ObjectName;

import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.component.mock.MockEndpoint;
import org.apache.camel.test.junit5.TestExecutionConfiguration;
import org.junit.jupiter.api.Test;

/** The endpoint's session figures as JMX attributes, live: a reconnect shows up there. */
class GeminiLiveJmxTest extends GeminiLiveTestSupport {

    @Override
    public void configureTest(TestExecutionConfiguration configuration) {
        super.configureTest(configuration);
        configuration.withJMX(true);
    }

    @Override
    protected RouteBuilder createRouteBuilder() {
        return new RouteBuilder() {
            @Override
            public void configure() {
                from(uri("managed")).to("mock:managed");
            }
        };
    }

    @Test
    void sessionFiguresAreEndpointAttributes() throws Exception {
        MockEndpoint mock = getMockEndpoint("mock:managed");
        String sessionId = sessionOf(mock).sessionId();
        MBeanServer jmx = context.getManagementStrategy().getManagementAgent().getMBeanServer();
        ObjectName endpoint = context.getManagementStrategy().getManagementObjectNameStrategy()
                .getObjectNameForEndpoint(context.getEndpoint(uri("managed")));

        assertThat(jmx.getAttribute(endpoint, "SessionConnections")).isEqualTo(1L);
        assertThat(jmx.getAttribute(endpoint, "SessionReconnects")).isEqualTo(0L);
        assertThat(jmx.getAttribute(endpoint, "SessionRefusedSends")).isEqualTo(0L);

        emulator.admin().drop(sessionId);
        await().atMost(Duration.ofSeconds(20))
                .until(() -> (Long) jmx.getAttribute(endpoint, "SessionReconnects") == 1L);
        assertThat(jmx.getAttribute(endpoint, "SessionConnections")).isEqualTo(2L);
        assertThat((Long) jmx.getAttribute(endpoint, "SessionLastGapMillis")).isPositive();
    }

    @Test
    void theEndpointsSessionsOpenedAndOpenNowAreEndpointAttributes() throws Exception {
        sessionOf(getMockEndpoint("mock:managed")); // the consumer's own session is up
        MBeanServer jmx = context.getManagementStrategy().getManagementAgent().getMBeanServer();
        ObjectName endpoint = context.getManagementStrategy().getManagementObjectNameStrategy()
                .getObjectNameForEndpoint(context.getEndpoint(uri("managed")));

        template.sendBodyAndHeader(uri("managed"), "Hello", GeminiLiveConstants.SESSION_KEY, "call-1");

        assertThat(jmx.getAttribute(endpoint, "SessionsOpen")).isEqualTo(2);
        assertThat(jmx.getAttribute(endpoint, "SessionsOpened")).isEqualTo(2L);
        assertThat(jmx.getAttribute(endpoint, "OpenSessionKeys")).isEqualTo(List.of("call-1", "managed"));
        assertThat(jmx.getAttribute(endpoint, "SessionsRefused")).isEqualTo(0L);

        template.sendBodyAndHeaders(uri("managed"), null, Map.of(GeminiLiveConstants.SESSION_KEY, "call-1",
                GeminiLiveConstants.OPERATION, "close"));

        assertThat(jmx.getAttribute(endpoint, "SessionsOpen")).isEqualTo(1);
        assertThat(jmx.getAttribute(endpoint, "OpenSessionKeys")).isEqualTo(List.of("managed"));
        assertThat(jmx.getAttribute(endpoint, "SessionsOpened")).isEqualTo(2L);
    }
}
