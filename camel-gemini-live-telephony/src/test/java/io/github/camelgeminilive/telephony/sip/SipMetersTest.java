package io.github.camelgeminilive.telephony.sip;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;

import org.apache.camel.CamelContext;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.console.DevConsole;
import org.apache.camel.console.DevConsoleRegistry;
import org.apache.camel.impl.DefaultCamelContext;
import org.junit.jupiter.api.Test;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;

/** A SIP endpoint's counters are meters while it runs, and on the telephony dev console. */
class SipMetersTest {

    private static final String SIP = "gemini-live-sip:127.0.0.1:0";

    @Test
    void theCountersAreMetersWhileTheEndpointRunsAndOnTheDevConsole() throws Exception {
        MeterRegistry meters = new SimpleMeterRegistry();
        try (CamelContext context = new DefaultCamelContext()) {
            context.getRegistry().bind("meters", meters);
            context.addRoutes(new RouteBuilder() {
                @Override
                public void configure() {
                    from(SIP).to("log:calls");
                }
            });
            context.start();
            GeminiLiveSipEndpoint endpoint = context.getEndpoint(SIP, GeminiLiveSipEndpoint.class);
            // one meter per counter, named in dotted lower case and tagged as the component's meters
            assertThat(meters.getMeters()).hasSize(endpoint.getCounterValues().size());
            assertThat(meters.get("gemini.live.sip.foreign.rtp.packets").tag("camelContext", context.getName())
                    .tag("endpointName", endpoint.getEndpointUri()).functionCounter().count()).isZero();
            endpoint.getCounters().callStarted();
            assertThat(meters.get("gemini.live.sip.calls.started").functionCounter().count()).isEqualTo(1);
            assertThat(meters.get("gemini.live.sip.playout.interrupted.audio.bytes").functionCounter()).isNotNull();

            @SuppressWarnings("unchecked")
            Map<String, Object> json = (Map<String, Object>) DevConsoleRegistry.get(context)
                    .resolveById("gemini-live-telephony").call(DevConsole.MediaType.JSON);
            @SuppressWarnings("unchecked")
            List<Map<String, Object>> endpoints = (List<Map<String, Object>>) json.get("sipEndpoints");
            assertThat(endpoints).singleElement().satisfies(e -> {
                assertThat(e).containsEntry("uri", endpoint.getEndpointUri());
                assertThat(e.get("counters")).isEqualTo(endpoint.getCounterValues());
            });

            context.stop();
            assertThat(meters.getMeters()).isEmpty();
        }
    }
}
