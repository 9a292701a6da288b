package io.github.camelgeminilive.component;

import org.apache.camel.CamelContext;
import org.apache.camel.Service;
import org.apache.camel.spi.ManagementStrategy;

/**
 * Puts a service Camel does not register by itself on JMX (with {@code camel-management} on the classpath): a
 * transformer, or a bean added to the context's services while it starts. Its {@code @ManagedAttribute}s show under
 * the context's services.
 */
public final class ManagedServices {

    private ManagedServices() {
    }

    /** Registers {@code service} as a managed service of {@code context}; nothing without a management agent. */
    public static void manage(CamelContext context, Service service) throws Exception {
        ManagementStrategy management = context.getManagementStrategy();
        if (management != null && management.getManagementAgent() != null) {
            management.manageObject(management.getManagementObjectStrategy()
                    .getManagedObjectForService(context, service));
        }
    }
}
