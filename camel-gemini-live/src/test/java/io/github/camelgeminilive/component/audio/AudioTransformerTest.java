package io.github.camelgeminilive.component.audio;

import static org.assertj.core.api.Assertions.assertThat;

import javax.management.MBeanServer;
import javax.management.ObjectName;

import org.apache.camel.CamelContext;
import org.apache.camel.ProducerTemplate;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.impl.DefaultCamelContext;
import org.junit.jupiter.api.Test;

import io.github.camelgeminilive.component.GeminiLiveConstants;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;

/** The converter state an audio data type forgets beyond its bound is counted on JMX and Micrometer. */
class AudioTransformerTest {

    @Test
    void streamsForgottenBeyondTheBoundAreOnJmxAndAMeter() throws Exception {
        MeterRegistry meters = new SimpleMeterRegistry();
        try (CamelContext context = new DefaultCamelContext()) {
            context.getRegistry().bind("meters", meters);
            context.addRoutes(new RouteBuilder() {
                @Override
                public void configure() {
                    from("direct:call").transformDataType("gemini-live:audio-pcm-16k");
                }
            });
            context.start();
            ProducerTemplate template = context.createProducerTemplate();
            int calls = AudioTransformer.MAX_STREAMS + 3;
            for (int call = 0; call < calls; call++) {
                template.send("direct:call", e -> {
                    e.getMessage().setBody(new byte[160]);
                    e.getMessage().setHeader(GeminiLiveConstants.MIME_TYPE, "audio/x-mulaw;rate=8000");
                    e.getMessage().setHeader(GeminiLiveConstants.SESSION_KEY, "call-" + e.getExchangeId());
                });
            }
            AudioTransformer transformer = context.getTransformerRegistry().values().stream()
                    .filter(AudioTransformer.class::isInstance).map(AudioTransformer.class::cast).findFirst()
                    .orElseThrow();
            assertThat(transformer.getEvictedStreams()).isEqualTo(3);

            MBeanServer jmx = context.getManagementStrategy().getManagementAgent().getMBeanServer();
            ObjectName name = context.getManagementStrategy().getManagementObjectNameStrategy()
                    .getObjectNameForService(context, transformer);
            assertThat(jmx.getAttribute(name, "EvictedStreams")).isEqualTo(3L);
            assertThat(jmx.getAttribute(name, "Streams")).isEqualTo(AudioTransformer.MAX_STREAMS);

            assertThat(meters.get("gemini.live.audio.evicted.streams").tag("camelContext", context.getName())
                    .tag("transformer", "gemini-live:audio-pcm-16k").functionCounter().count()).isEqualTo(3);
        }
    }
}
