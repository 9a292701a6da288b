package io.github.camelgeminilive.component.springboot;

import java.util.LinkedHashMap;
import java.util.Map;

import org.apache.camel.CamelContext;
import org.apache.camel.spi.ComponentCustomizer;
import org.apache.camel.spring.boot.CamelAutoConfiguration;
import org.apache.camel.support.PropertyBindingSupport;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.annotation.Bean;
import org.springframework.core.env.ConfigurableEnvironment;

import io.github.camelgeminilive.component.GeminiLiveComponent;

/**
 * Configures the {@code gemini-live} component from the {@code camel.component.gemini-live.*} properties when
 * Camel creates it (or finds it as a bean). The options are bound with Camel's own property binding and the
 * component's generated configurer, so every option of the component page works here under its dashed name, with
 * the same conversions ({@code 45s}, {@code #beanName}); an unknown name fails the start with the name in the
 * message. {@code camel.component.gemini-live.enabled=false} leaves the component unconfigured.
 */
@AutoConfiguration(after = CamelAutoConfiguration.class)
@ConditionalOnBean(CamelContext.class)
@ConditionalOnProperty(prefix = GeminiLiveComponentProperties.PREFIX, name = GeminiLiveComponentProperties.ENABLED,
        havingValue = "true", matchIfMissing = true)
public class GeminiLiveComponentAutoConfiguration {

    /** Applies the properties to each gemini-live component Camel sets up. */
    @Bean
    public ComponentCustomizer geminiLiveComponentCustomizer(CamelContext camelContext,
            ConfigurableEnvironment environment) {
        Map<String, Object> options = GeminiLiveComponentProperties.read(environment);
        return ComponentCustomizer.forType(GeminiLiveComponent.class,
                component -> bind(camelContext, component, options));
    }

    static void bind(CamelContext camelContext, GeminiLiveComponent component, Map<String, Object> options) {
        Map<String, Object> unbound = new LinkedHashMap<>(options);
        PropertyBindingSupport.build().withCamelContext(camelContext).withTarget(component)
                .withConfigurer(component.getComponentPropertyConfigurer()).withProperties(unbound)
                .withIgnoreCase(true).withRemoveParameters(true).withReflection(false).bind();
        if (!unbound.isEmpty()) {
            throw new IllegalArgumentException("Unknown gemini-live component option(s) under "
                    + GeminiLiveComponentProperties.PREFIX + ": " + String.join(", ", unbound.keySet())
                    + " (the options are listed on the component page)");
        }
    }
}
