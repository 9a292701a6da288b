package io.github.camelgeminilive.telephony.call;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;

import javax.management.MBeanServer;
import javax.management.ObjectName;

import org.apache.camel.CamelContext;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.impl.DefaultCamelContext;
import org.junit.jupiter.api.Test;

import io.github.camelgeminilive.telephony.sip.GeminiLiveSipEndpoint;
import io.github.camelgeminilive.telephony.twilio.TwilioBridge;

/** The call counters of the SIP endpoint and of the Twilio bridge are JMX attributes. */
class TelephonyJmxTest {

    private static final String SIP = "gemini-live-sip:127.0.0.1:0";

    @Test
    void theSipEndpointsAndTheTwilioBridgesCountersAreOnJmx() throws Exception {
        TwilioBridge bridge = new TwilioBridge();
        bridge.setOutput("gemini-live-websocket:127.0.0.1:0/media");
        try (CamelContext context = new DefaultCamelContext()) {
            context.getRegistry().bind("twilio", bridge);
            context.addRoutes(new RouteBuilder() {
                @Override
                public void configure() {
                    from(SIP).to("log:calls");
                    from("direct:twilio").bean("twilio", "fromTwilio");
                }
            });
            context.start();
            MBeanServer jmx = context.getManagementStrategy().getManagementAgent().getMBeanServer();

            ObjectName sip = context.getManagementStrategy().getManagementObjectNameStrategy()
                    .getObjectNameForEndpoint(context.getEndpoint(SIP, GeminiLiveSipEndpoint.class));
            @SuppressWarnings("unchecked")
            Map<String, Long> sipCounters = (Map<String, Long>) jmx.getAttribute(sip, "CounterValues");
            assertThat(sipCounters).containsEntry("callsStarted", 0L).containsEntry("stopDrops", 0L)
                    .containsEntry("playout.framesOut", 0L);

            ObjectName twilio = context.getManagementStrategy().getManagementObjectNameStrategy()
                    .getObjectNameForService(context, bridge);
            @SuppressWarnings("unchecked")
            Map<String, Long> twilioCounters = (Map<String, Long>) jmx.getAttribute(twilio, "CounterValues");
            assertThat(twilioCounters).containsEntry("callsRefused", 0L).containsEntry("marksPlayed", 0L)
                    .containsEntry("playout.clears", 0L);
            assertThat(jmx.getAttribute(twilio, "ActiveCalls")).isEqualTo(0);
        }
    }
}
