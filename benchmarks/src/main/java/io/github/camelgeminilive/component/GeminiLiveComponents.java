package io.github.camelgeminilive.component;

import java.util.function.Function;

import org.apache.camel.Consumer;

import io.github.camelgeminilive.session.InMemoryResumptionHandleStore;
import io.github.camelgeminilive.session.LiveClient;
import io.github.camelgeminilive.session.LiveEvent;
import io.github.camelgeminilive.session.ResilienceOptions;
import io.github.camelgeminilive.session.SessionOptions;
import io.github.camelgeminilive.transport.ConnectionOptions;

/**
 * The load driver's way into the component's package-private parts (in this package so they need not be public
 * API): a component whose {@link LiveClient}s run on an instrumented transport, and the options its endpoints open
 * sessions with, for the report.
 */
public final class GeminiLiveComponents {

    private GeminiLiveComponents() {
    }

    /** A component whose clients {@code clientFactory} makes (one per distinct connection settings). */
    public static GeminiLiveComponent withClients(Function<ConnectionOptions, LiveClient> clientFactory) {
        return new GeminiLiveComponent(clientFactory);
    }

    /** The session options an endpoint with configuration {@code c} opens its session with. */
    public static SessionOptions sessionOptions(GeminiLiveConfiguration c) {
        return LiveSettingsMapper.sessionOptions(c, Runnable::run);
    }

    /**
     * The resilience options of the session {@code key} of an endpoint with configuration {@code c} (and no
     * {@code resumptionHandleRepository}), or null when {@code c} opens plain sessions.
     */
    public static ResilienceOptions resilienceOptions(GeminiLiveConfiguration c, String key) {
        return c.isResilient()
                ? LiveSettingsMapper.resilienceOptions(c, new InMemoryResumptionHandleStore(), key)
                : null;
    }

    /**
     * Delivers {@code event} of the session {@code key} of the consumer's endpoint as the component does (the
     * session is made, not connected), for measuring what the consumer costs per event.
     */
    public static void deliver(Consumer consumer, String key, LiveEvent event) {
        GeminiLiveConsumer c = (GeminiLiveConsumer) consumer;
        c.onEvent(c.getEndpoint().session(key), event);
    }
}
