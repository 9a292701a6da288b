package io.github.camelgeminilive.component.springboot;

import java.util.LinkedHashMap;
import java.util.Map;

import org.apache.camel.util.StringHelper;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.EnumerablePropertySource;
import org.springframework.core.env.PropertySource;

/**
 * The {@code camel.component.gemini-live.*} properties of a Spring environment as the component's option names:
 * {@code reply-timeout} becomes {@code replyTimeout}, and what follows a multi-value option's prefix stays as written
 * ({@code tool-endpoint.get_weather} becomes {@code toolEndpoint.get_weather}), which Spring's relaxed map binding
 * would not keep (it drops the underscore of a function name). Values are resolved by the environment, so
 * {@code ${GEMINI_API_KEY}} placeholders and the usual precedence of property sources apply.
 */
final class GeminiLiveComponentProperties {

    static final String PREFIX = "camel.component.gemini-live";
    /** The starter's own switch, not a component option. */
    static final String ENABLED = "enabled";

    private GeminiLiveComponentProperties() {
    }

    /** Option name to value, in the order the property sources list them. */
    static Map<String, Object> read(ConfigurableEnvironment environment) {
        Map<String, Object> options = new LinkedHashMap<>();
        for (PropertySource<?> source : environment.getPropertySources()) {
            if (source instanceof EnumerablePropertySource<?> enumerable) {
                for (String name : enumerable.getPropertyNames()) {
                    if (name.startsWith(PREFIX + ".")) {
                        String option = optionName(name.substring(PREFIX.length() + 1));
                        if (!option.equals(ENABLED) && !options.containsKey(option)) {
                            options.put(option, environment.getProperty(name));
                        }
                    }
                }
            }
        }
        return options;
    }

    /** {@code reply-timeout} to {@code replyTimeout}; a map key after the first dot is kept as it is. */
    static String optionName(String property) {
        int dot = property.indexOf('.');
        String option = dot < 0 ? property : property.substring(0, dot);
        return StringHelper.dashToCamelCase(option) + (dot < 0 ? "" : property.substring(dot));
    }
}
