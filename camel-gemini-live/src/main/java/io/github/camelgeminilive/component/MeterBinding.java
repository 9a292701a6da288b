package io.github.camelgeminilive.component;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.LongSupplier;

import org.apache.camel.CamelContext;
import org.apache.camel.util.ObjectHelper;

/**
 * Finds the Micrometer registry of an endpoint's meters, keeping Micrometer optional: no class of it is loaded
 * unless it is on the classpath. The registry is the component's {@code meterRegistry}, else the single
 * {@code MeterRegistry} bean of the Camel registry (Spring Boot's, with Actuator); without either there are no
 * meters, and nothing fails. Public for the modules beside the component (telephony), which bind their counters
 * with {@link #bindCounters} to the same registry.
 */
public final class MeterBinding {

    private static final String REGISTRY_CLASS = "io.micrometer.core.instrument.MeterRegistry";
    private static final boolean MICROMETER = present();

    private MeterBinding() {
    }

    /**
     * The endpoint's meters, registered; {@link SessionObserver#NONE} when there is no registry.
     *
     * @param  configured               the component's {@code meterRegistry}, or null
     * @throws IllegalArgumentException when {@code configured} is not a Micrometer MeterRegistry
     */
    static SessionObserver bind(GeminiLiveEndpoint endpoint, Object configured) {
        if (!micrometer(configured)) {
            return SessionObserver.NONE;
        }
        return Micrometer.bind(endpoint, configured);
    }

    /**
     * Registers a Micrometer function counter per entry of {@code counters} (meter name -> its value, read when the
     * registry is scraped), with {@code tags}, in the registry of the context's {@code gemini-live} component (its
     * {@code meterRegistry}, else the single {@code MeterRegistry} bean); nothing without one.
     *
     * @return                          closing it removes the counters; it holds the suppliers until then
     * @throws IllegalArgumentException when the component's {@code meterRegistry} is not a Micrometer MeterRegistry
     */
    public static AutoCloseable bindCounters(CamelContext context, Map<String, String> tags,
            Map<String, LongSupplier> counters) {
        Object configured = context.getComponent("gemini-live", false) instanceof GeminiLiveComponent c
                ? c.getMeterRegistry() : null;
        if (!micrometer(configured)) {
            return () -> {
            };
        }
        return Micrometer.bindCounters(context, configured, tags, counters);
    }

    /** Whether Micrometer is on the classpath; false, or a failure when a registry is configured, if it is not. */
    private static boolean micrometer(Object configured) {
        if (!MICROMETER && configured != null) {
            throw new IllegalArgumentException("meterRegistry is set but Micrometer (" + REGISTRY_CLASS
                    + ") is not on the classpath");
        }
        return MICROMETER;
    }

    /** Removes the meters {@link #bind} registered. */
    static void unbind(SessionObserver meters) {
        if (meters instanceof AutoCloseable) {
            ((GeminiLiveMeters) meters).close();
        }
    }

    private static boolean present() {
        try {
            Class.forName(REGISTRY_CLASS, false, MeterBinding.class.getClassLoader());
            return true;
        } catch (ClassNotFoundException | LinkageError e) {
            return false;
        }
    }

    /** The only code that names Micrometer's types; loaded only when Micrometer is present. */
    private static final class Micrometer {

        static SessionObserver bind(GeminiLiveEndpoint endpoint, Object configured) {
            io.micrometer.core.instrument.MeterRegistry registry = registry(endpoint.getCamelContext(), configured);
            return registry == null ? SessionObserver.NONE : new GeminiLiveMeters(registry, endpoint);
        }

        static AutoCloseable bindCounters(CamelContext context, Object configured, Map<String, String> tags,
                Map<String, LongSupplier> counters) {
            io.micrometer.core.instrument.MeterRegistry registry = registry(context, configured);
            if (registry == null) {
                return () -> {
                };
            }
            io.micrometer.core.instrument.Tags meterTags = io.micrometer.core.instrument.Tags.empty();
            for (Map.Entry<String, String> tag : tags.entrySet()) {
                meterTags = meterTags.and(tag.getKey(), tag.getValue());
            }
            List<io.micrometer.core.instrument.Meter> meters = new ArrayList<>();
            for (Map.Entry<String, LongSupplier> counter : counters.entrySet()) {
                meters.add(io.micrometer.core.instrument.FunctionCounter
                        .builder(counter.getKey(), counter.getValue(), LongSupplier::getAsLong).tags(meterTags)
                        .register(registry));
            }
            return new Bound(registry, meters, List.copyOf(counters.values()));
        }

        /** Micrometer holds a function counter's object weakly: this handle holds the suppliers until closed. */
        private record Bound(io.micrometer.core.instrument.MeterRegistry registry,
                List<io.micrometer.core.instrument.Meter> meters, List<LongSupplier> suppliers)
                implements AutoCloseable {

            @Override
            public void close() {
                meters.forEach(registry::remove);
            }
        }

        private static io.micrometer.core.instrument.MeterRegistry registry(CamelContext context,
                Object configured) {
            if (configured == null) {
                return context.getRegistry().findSingleByType(io.micrometer.core.instrument.MeterRegistry.class);
            } else if (configured instanceof io.micrometer.core.instrument.MeterRegistry r) {
                return r;
            }
            throw new IllegalArgumentException("meterRegistry must be a " + REGISTRY_CLASS + ", not "
                    + ObjectHelper.className(configured));
        }
    }
}
