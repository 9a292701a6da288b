package io.github.camelgeminilive.component;

import org.apache.camel.util.ObjectHelper;

/**
 * Finds the Micrometer registry of an endpoint's meters, keeping Micrometer optional: no class of it is loaded
 * unless it is on the classpath. The registry is the component's {@code meterRegistry}, else the single
 * {@code MeterRegistry} bean of the Camel registry (Spring Boot's, with Actuator); without either there are no
 * meters, and nothing fails.
 */
final class MeterBinding {

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
        if (!MICROMETER) {
            if (configured != null) {
                throw new IllegalArgumentException("meterRegistry is set but Micrometer (" + REGISTRY_CLASS
                        + ") is not on the classpath");
            }
            return SessionObserver.NONE;
        }
        return Micrometer.bind(endpoint, configured);
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
            io.micrometer.core.instrument.MeterRegistry registry;
            if (configured == null) {
                registry = endpoint.getCamelContext().getRegistry()
                        .findSingleByType(io.micrometer.core.instrument.MeterRegistry.class);
            } else if (configured instanceof io.micrometer.core.instrument.MeterRegistry r) {
                registry = r;
            } else {
                throw new IllegalArgumentException("meterRegistry must be a " + REGISTRY_CLASS + ", not "
                        + ObjectHelper.className(configured));
            }
            return registry == null ? SessionObserver.NONE : new GeminiLiveMeters(registry, endpoint);
        }
    }
}
