package io.github.camelgeminilive.telephony.sip;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.apache.camel.CamelContext;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.impl.DefaultCamelContext;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Options out of bounds fail the consumer's start with the option's name, and leave nothing listening. */
class GeminiLiveSipEndpointTest {

    @ParameterizedTest
    @CsvSource(delimiter = ';', value = {
            "maxCalls=0; maxCalls must be 1 to 10000",
            "maxMessageSize=100000; maxMessageSize must be 1024 to 65507",
            "ringTime=2m; ringTime must be 0 to 1 min, got 2 min",
            "jitterWindow=33; jitterWindow must be 1 to 32",
            "maxBacklog=0; maxBacklog must be 1 to 10000",
            "maxInFlight=1001; maxInFlight must be 1 to 1000",
            "maxBufferedAudio=10ms; maxBufferedAudio must be 20 ms to 10 min, got 10 ms",
            "playbackLead=2s; playbackLead must be 0 to 1 s",
            "rtpPortMin=80; the RTP port range must lie in 1024..65534"})
    void anOptionOutOfBoundsFailsTheStartWithItsName(String option, String message) throws Exception {
        int port = 5060; // refused before anything binds
        try (CamelContext context = new DefaultCamelContext()) {
            context.addRoutes(new RouteBuilder() {
                @Override
                public void configure() {
                    from("gemini-live-sip:127.0.0.1:" + port + "?" + option).to("log:calls");
                }
            });
            assertThatThrownBy(context::start).hasStackTraceContaining(message);
            assertThat(context.getComponent("gemini-live-sip", GeminiLiveSipComponent.class)
                    .agent("127.0.0.1:" + port)).isNull();
        }
    }

    @Test
    void theWildcardHostIsRefusedAtStartAsCallersCannotReachIt() throws Exception {
        try (CamelContext context = new DefaultCamelContext()) {
            context.addRoutes(new RouteBuilder() {
                @Override
                public void configure() {
                    from("gemini-live-sip:0.0.0.0:0").to("log:calls");
                }
            });
            assertThatThrownBy(context::start).hasStackTraceContaining("host 0.0.0.0 cannot be advertised");
        }
    }
}
