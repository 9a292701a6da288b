package io.github.camelgeminilive.component.springboot;

import static org.assertj.core.api.Assertions.assertThat;

import org.apache.camel.CamelContext;
import org.apache.camel.spi.ComponentCustomizer;
import org.apache.camel.spring.boot.CamelAutoConfiguration;
import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

import io.github.camelgeminilive.component.GeminiLiveComponent;

/** The starter's switch: without it Camel Spring Boot leaves camel.component.gemini-live.* unapplied. */
class GeminiLiveComponentAutoConfigurationTest {

    private final ApplicationContextRunner runner = new ApplicationContextRunner()
            .withConfiguration(AutoConfigurations.of(CamelAutoConfiguration.class,
                    GeminiLiveComponentAutoConfiguration.class))
            .withPropertyValues("camel.component.gemini-live.reply-timeout=7s");

    @Test
    void theOptionsReachTheComponent() {
        runner.run(context -> assertThat(replyTimeout(context.getBean(CamelContext.class))).isEqualTo(7_000L));
    }

    @Test
    void enabledFalseLeavesTheComponentAtItsDefaults() {
        runner.withPropertyValues("camel.component.gemini-live.enabled=false").run(context -> {
            assertThat(context).doesNotHaveBean(ComponentCustomizer.class);
            assertThat(replyTimeout(context.getBean(CamelContext.class))).isEqualTo(60_000L);
        });
    }

    private static long replyTimeout(CamelContext camelContext) {
        return camelContext.getComponent("gemini-live", GeminiLiveComponent.class).getConfiguration()
                .getReplyTimeout();
    }
}
