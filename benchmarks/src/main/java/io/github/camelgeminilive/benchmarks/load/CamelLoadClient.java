package io.github.camelgeminilive.benchmarks.load;

import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;

import org.apache.camel.AsyncProcessor;
import org.apache.camel.CamelContext;
import org.apache.camel.Component;
import org.apache.camel.Endpoint;
import org.apache.camel.Exchange;
import org.apache.camel.Message;
import org.apache.camel.Producer;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.impl.DefaultCamelContext;
import org.apache.camel.impl.engine.PooledExchangeFactory;
import org.apache.camel.support.AsyncProcessorConverterHelper;

import io.github.camelgeminilive.component.GeminiLiveComponent;
import io.github.camelgeminilive.component.GeminiLiveComponents;
import io.github.camelgeminilive.component.GeminiLiveConfiguration;
import io.github.camelgeminilive.component.GeminiLiveConstants;
import io.github.camelgeminilive.component.GeminiLiveOperation;
import io.github.camelgeminilive.session.ResilienceOptions;

/**
 * This project's Camel component: each session is a {@code from("gemini-live:KEY")} route whose processor is the
 * load listener, and the caller's frames go through the endpoint's producer as a route's {@code to(..)} would send
 * them (an exchange per frame, completed when the frame is written). One CamelContext for all sessions, with the
 * component's defaults ({@code camel-defaults}: resilient sessions, resumption on) or with {@code resilient=false}
 * and {@code sessionResumption=false} ({@code camel}), so its sessions are the same plain sessions the other
 * clients open. {@code camel-calls} runs the sessions as per-call sessions of one endpoint instead, one route for all
 * (see {@link #calls(EmulatorProcess)}). The component's clients run on a stamping transport, for the route delay.
 * The same routes over {@link FloorComponent} show what Camel itself costs per message, over resilient sessions
 * ({@code camel-floor}) and over plain ones ({@code camel-floor-plain}).
 */
final class CamelLoadClient implements LoadClient {

    private static final String PROTOTYPE_EXCHANGES =
            "Camel's default (`prototype`): a new exchange per frame and per event";

    private final CamelContext camel = new DefaultCamelContext();
    private final AtomicInteger sessions = new AtomicInteger();
    /** Sessions being closed: the context stops only after them (removing a route while it stops fails). */
    private final Set<CompletableFuture<Void>> closing = ConcurrentHashMap.newKeySet();
    private final RouteDelays routeDelays;
    private final String name;
    private final KindOptions options;
    /** The component's scheme in the routes' URIs. */
    private final String scheme;
    /** The shared endpoint of per-call sessions, and its producer; null when each session has its own. */
    private final Endpoint calls;
    private final AsyncProcessor callsTo;
    private final Map<String, Caller> callers = new ConcurrentHashMap<>();

    /** @param callsUri the one endpoint of every session (per-call sessions), or null: an endpoint per session */
    private CamelLoadClient(String name, String scheme, Component component, KindOptions options,
            boolean pooledExchanges, RouteDelays routeDelays, String callsUri) {
        this.name = name;
        this.routeDelays = routeDelays;
        this.scheme = scheme;
        this.options = options;
        if (pooledExchanges) {
            camel.getCamelContextExtension().setExchangeFactory(new PooledExchangeFactory());
        }
        camel.addComponent(scheme, component);
        camel.start();
        if (callsUri == null) {
            calls = null;
            callsTo = null;
            return;
        }
        try {
            calls = camel.getEndpoint(callsUri);
            Producer producer = calls.createProducer();
            producer.start();
            callsTo = AsyncProcessorConverterHelper.convert(producer);
            camel.addRoutes(new RouteBuilder() {
                @Override
                public void configure() {
                    from(calls).routeId("calls").process(exchange -> onCallEvent(exchange.getMessage()));
                }
            });
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * Through {@code gemini-live} routes, with the component's defaults or with plain sessions.
     *
     * @param pooledExchanges Camel's pooled exchange factory ({@code camel.main.exchangeFactory=pooled})
     */
    static CamelLoadClient geminiLive(EmulatorProcess emulator, boolean defaults, boolean pooledExchanges) {
        RouteDelays routeDelays = new RouteDelays();
        GeminiLiveComponent component = component(emulator, routeDelays);
        if (!defaults) {
            component.getConfiguration().setResilient(false);
            component.getConfiguration().setSessionResumption(false);
        }
        KindOptions options = options(component, "`from(\"gemini-live:KEY\")` route, an exchange per frame through the"
                + " endpoint's producer", emulator)
                .withExchanges(pooledExchanges ? "pooled (`camel.main.exchangeFactory=pooled`): reused"
                        : PROTOTYPE_EXCHANGES);
        return new CamelLoadClient((defaults ? "camel-defaults" : "camel") + (pooledExchanges ? "-pooled" : ""),
                "gemini-live", component, options, pooledExchanges, routeDelays, null);
    }

    /**
     * Per-call sessions ({@code camel-calls}), the way the SIP and Kafka examples run many calls: one endpoint
     * {@code gemini-live:calls?openOnStart=false}, its one route for the events of every session and one producer
     * for every frame, the session picked by {@code CamelGeminiLiveSessionKey}; the component's defaults otherwise.
     */
    static CamelLoadClient calls(EmulatorProcess emulator) {
        RouteDelays routeDelays = new RouteDelays();
        GeminiLiveComponent component = component(emulator, routeDelays);
        KindOptions options = options(component, "one `from(\"gemini-live:calls?openOnStart=false\")` route for"
                + " every session, an exchange per frame through one producer, the session picked by"
                + " `CamelGeminiLiveSessionKey` (per-call sessions)", emulator)
                .withExchanges(PROTOTYPE_EXCHANGES);
        return new CamelLoadClient("camel-calls", "gemini-live", component, options, false, routeDelays,
                "gemini-live:calls?openOnStart=false");
    }

    /** The component with its defaults, to the emulator, on stamped clients. */
    private static GeminiLiveComponent component(EmulatorProcess emulator, RouteDelays routeDelays) {
        GeminiLiveComponent component = GeminiLiveComponents.withClients(routeDelays::client);
        GeminiLiveConfiguration c = component.getConfiguration();
        c.setBaseUrl(emulator.baseUrl().toString());
        c.setApiKey("benchmark-key");
        if (emulator.trustStore() != null) {
            c.setTrustStore(emulator.trustStore().toString());
            c.setTrustStorePassword(EmulatorProcess.PASSWORD);
        }
        c.setModel(OurLoadClient.MODEL);
        c.setSilenceDurationMs(SessionCycle.SILENCE_MS);
        return component;
    }

    private static KindOptions options(GeminiLiveComponent component, String api, EmulatorProcess emulator) {
        GeminiLiveConfiguration c = component.getConfiguration();
        return KindOptions.ours(api, GeminiLiveComponents.sessionOptions(c),
                GeminiLiveComponents.resilienceOptions(c, "KEY"), emulator.trustStore() != null,
                "the component's `GeminiLiveEvents` pool (" + component.getEventThreadPoolSize() + " threads), an"
                        + " exchange per event; a frame's exchange completes on its `GeminiLiveWrites` pool ("
                        + component.getWriteThreadPoolSize() + " thread(s)) once written");
    }

    /**
     * Through {@code floor:} routes: Camel's own cost over the bare client, with resilient sessions
     * ({@code camel-floor}) or plain ones ({@code camel-floor-plain}).
     */
    static CamelLoadClient floor(EmulatorProcess emulator, boolean resilient) {
        RouteDelays routeDelays = new RouteDelays();
        KindOptions options = KindOptions.ours("`from(\"floor:KEY\")` route (`FloorComponent`: the least a Camel"
                + " component adds), an exchange per frame through its producer", OurLoadClient.sessionOptions(),
                resilient ? ResilienceOptions.defaults() : null, emulator.trustStore() != null, "the client's event"
                        + " pool, an exchange per event; a frame's exchange completes where its write does (the I/O"
                        + " thread)")
                .withExchanges(PROTOTYPE_EXCHANGES);
        return new CamelLoadClient(resilient ? "camel-floor" : "camel-floor-plain", "floor",
                new FloorComponent(routeDelays.client(OurLoadClient.connectionOptions(emulator)), resilient),
                options, false, routeDelays, null);
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public KindOptions options() {
        return options;
    }

    @Override
    public CompletableFuture<LoadSession> open(LoadListener listener) {
        String key = "caller-" + sessions.incrementAndGet();
        return calls != null ? openCall(key, listener) : openRoute(key, listener);
    }

    /** A session on an endpoint and a route of its own, opened when the route starts. */
    private CompletableFuture<LoadSession> openRoute(String key, LoadListener listener) {
        try {
            Endpoint endpoint = camel.getEndpoint(scheme + ":" + key);
            Producer producer = endpoint.createProducer();
            producer.start();
            AsyncProcessor to = AsyncProcessorConverterHelper.convert(producer);
            // stopping the route's consumer and the producer releases the session, which closes it
            Caller caller = new Caller(listener, id -> session(endpoint, to, null, id, listener, () -> {
                camel.getRouteController().stopRoute(key);
                camel.removeRoute(key);
                producer.stop();
            }));
            camel.addRoutes(new RouteBuilder() {
                @Override
                public void configure() {
                    from(endpoint).routeId(key).process(exchange -> caller.onEvent(exchange.getMessage()));
                }
            });
            return caller.opened;
        } catch (Exception e) {
            return CompletableFuture.failedFuture(e);
        }
    }

    /**
     * A per-call session of the shared endpoint, keyed by {@code CamelGeminiLiveSessionKey}: its first message
     * opens it ({@code audioStreamEnd}, which carries no audio), its events come through the shared route.
     */
    private CompletableFuture<LoadSession> openCall(String key, LoadListener listener) {
        Caller caller = new Caller(listener, id -> session(calls, callsTo, key, id, listener, () -> {
            Exchange close = callExchange(key, GeminiLiveOperation.close);
            callsTo.process(close);
            callers.remove(key);
            if (close.getException() != null) {
                throw close.getException();
            }
        }));
        callers.put(key, caller);
        Exchange open = callExchange(key, GeminiLiveOperation.audioStreamEnd);
        callsTo.process(open, doneSync -> {
            if (open.getException() != null) {
                caller.opened.completeExceptionally(open.getException());
            }
        });
        return caller.opened;
    }

    /** An exchange for the shared endpoint's producer: {@code operation} on the session of {@code key}. */
    private Exchange callExchange(String key, GeminiLiveOperation operation) {
        Exchange exchange = calls.createExchange();
        exchange.getMessage().setHeader(GeminiLiveConstants.SESSION_KEY, key);
        exchange.getMessage().setHeader(GeminiLiveConstants.OPERATION, operation.name());
        return exchange;
    }

    /** A call's events, from the shared route. */
    private void onCallEvent(Message m) {
        Caller caller = callers.get(m.getHeader(GeminiLiveConstants.SESSION_KEY, String.class));
        if (caller != null) {
            caller.onEvent(m);
        }
    }

    /**
     * Frames as exchanges through {@code to} ({@code key}: the session key header, null for an endpoint's own
     * session); {@code close} runs off the caller's thread.
     */
    private LoadSession session(Endpoint endpoint, AsyncProcessor to, String key, String sessionId,
            LoadListener listener, Closer close) {
        return new LoadSession() {
            @Override
            public void sendAudio(byte[] pcm) {
                Exchange exchange = endpoint.createExchange();
                if (key != null) {
                    exchange.getMessage().setHeader(GeminiLiveConstants.SESSION_KEY, key);
                }
                exchange.getMessage().setBody(pcm);
                long start = System.nanoTime();
                to.process(exchange, doneSync -> {
                    if (exchange.getException() != null) {
                        listener.sendFailed(exchange.getException());
                    } else {
                        listener.sendCompleted(System.nanoTime() - start);
                    }
                });
            }

            @Override
            public String sessionId() {
                return sessionId;
            }

            @Override
            public CompletableFuture<Void> closeAsync() {
                CompletableFuture<Void> closed = CompletableFuture.runAsync(() -> {
                    try {
                        close.close();
                    } catch (Exception e) {
                        throw new IllegalStateException(e);
                    }
                });
                closing.add(closed);
                closed.whenComplete((v, e) -> closing.remove(closed));
                return closed;
            }
        };
    }

    /** Ends a session (may throw). */
    private interface Closer {
        void close() throws Exception;
    }

    /** One session as the routes see it: its events go to its listener, its setupComplete opens it. */
    private final class Caller {
        private final LoadListener listener;
        private final Function<String, LoadSession> opens;
        final CompletableFuture<LoadSession> opened = new CompletableFuture<>();
        /** Set by setupComplete, the session's first event (a session's events run one at a time). */
        private volatile String sessionId;

        Caller(LoadListener listener, Function<String, LoadSession> opens) {
            this.listener = listener;
            this.opens = opens;
        }

        void onEvent(Message m) {
            switch (m.getHeader(GeminiLiveConstants.EVENT_TYPE, String.class)) {
                case "setupComplete" -> {
                    sessionId = m.getHeader(GeminiLiveConstants.SESSION_ID, String.class);
                    opened.complete(opens.apply(sessionId));
                }
                case "audio" -> {
                    routeDelays.audioDelivered(sessionId, listener);
                    listener.audio(m.getBody(byte[].class));
                }
                case "inputTranscription" -> listener.inputTranscription();
                case "outputTranscription" -> listener.outputTranscription(m.getBody(String.class));
                case "interrupted" -> listener.interrupted();
                case "turnComplete" -> listener.turnComplete();
                case "closed" -> listener.closed(m.getHeader(GeminiLiveConstants.CLOSE_CODE) + " "
                        + m.getHeader(GeminiLiveConstants.CLOSE_REASON));
                default -> {
                }
            }
        }
    }

    @Override
    public void close() {
        try {
            CompletableFuture.allOf(closing.toArray(CompletableFuture[]::new)).get(60, TimeUnit.SECONDS);
        } catch (Exception e) {
            // stopping the context stops what is left
        }
        camel.stop();
    }
}
