package io.github.camelgeminilive.component;

import java.util.function.Function;

import io.github.camelgeminilive.session.LiveClient;
import io.github.camelgeminilive.transport.ConnectionOptions;

/**
 * The load driver's way to the component's package-private constructor: a component whose {@link LiveClient}s run on
 * an instrumented transport (in this package so the constructor need not be public API).
 */
public final class GeminiLiveComponents {

    private GeminiLiveComponents() {
    }

    /** A component whose clients {@code clientFactory} makes (one per distinct connection settings). */
    public static GeminiLiveComponent withClients(Function<ConnectionOptions, LiveClient> clientFactory) {
        return new GeminiLiveComponent(clientFactory);
    }
}
