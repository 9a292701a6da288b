package io.github.camelgeminilive.component;

import static org.assertj.core.api.Assertions.assertThat;

import org.apache.camel.CamelContext;
import org.apache.camel.builder.RouteBuilder;
import org.junit.jupiter.api.Test;

import io.github.camelgeminilive.session.LiveSessionException;

/**
 * Refusals are not retried, by the resilient session nor by the component: 1007 and 1008 cost exactly one connection
 * attempt, and every exchange on the session carries the service's reason.
 */
class GeminiLiveFailFastTest extends GeminiLiveTestSupport {

    @Override
    protected CamelContext createCamelContext() throws Exception {
        CamelContext context = super.createCamelContext();
        context.getPropertiesComponent().addInitialProperty("gemini.wrongKey", "AIzaWRONG-fail-fast-key");
        return context;
    }

    @Override
    protected RouteBuilder createRouteBuilder() {
        return new RouteBuilder() {
            @Override
            public void configure() {
                // a native-audio model refuses TEXT responses: 1007
                from("direct:invalid").to(uri("invalid", "responseModalities=TEXT"));
                from("direct:refused").to(uri("refused").replace("gemini.apiKey", "gemini.wrongKey"));
            }
        };
    }

    @Test
    void invalidArgument1007FailsFastWithTheReason() {
        long before = emulator.admin().connectionAttempts();

        Exception first = template.request("direct:invalid", e -> e.getMessage().setBody("Hello")).getException();
        Exception second = template.send("direct:invalid", e -> e.getMessage().setBody("Again")).getException();

        assertThat(first).isInstanceOf(LiveSessionException.InvalidArgumentException.class);
        assertThat(((LiveSessionException) first).closeCode()).isEqualTo(1007);
        assertThat(((LiveSessionException) first).reason()).containsIgnoringCase("TEXT");
        assertThat(second).isSameAs(first);
        assertThat(emulator.admin().connectionAttempts() - before).isEqualTo(1);
    }

    @Test
    void policyViolation1008FailsFastWithTheReason() {
        long before = emulator.admin().connectionAttempts();

        Exception first = template.request("direct:refused", e -> e.getMessage().setBody("Hello")).getException();
        Exception second = template.send("direct:refused", e -> e.getMessage().setBody("Again")).getException();

        assertThat(first).isInstanceOf(LiveSessionException.PolicyViolationException.class);
        assertThat(((LiveSessionException) first).closeCode()).isEqualTo(1008);
        assertThat(((LiveSessionException) first).reason()).isNotBlank();
        assertThat(second).isSameAs(first);
        assertThat(emulator.admin().connectionAttempts() - before).isEqualTo(1);
    }
}
