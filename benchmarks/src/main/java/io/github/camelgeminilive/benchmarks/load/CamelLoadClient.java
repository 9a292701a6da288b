package io.github.camelgeminilive.benchmarks.load;

import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

import org.apache.camel.AsyncProcessor;
import org.apache.camel.CamelContext;
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

/**
 * This project's Camel component: each session is a {@code from("gemini-live:KEY")} route whose processor is the
 * load listener, and the caller's frames go through the endpoint's producer as a route's {@code to(..)} would send
 * them (an exchange per frame, completed when the frame is written). One CamelContext for all sessions, with the
 * component's defaults ({@code camel-defaults}: resilient sessions, resumption on) or with {@code resilient=false}
 * and {@code sessionResumption=false} ({@code camel}), so its sessions are the same plain sessions the other
 * clients open. The component's clients run on a stamping transport, for the route delay.
 */
final class CamelLoadClient implements LoadClient {

    private final CamelContext camel = new DefaultCamelContext();
    private final AtomicInteger sessions = new AtomicInteger();
    /** Sessions being closed: the context stops only after them (removing a route while it stops fails). */
    private final Set<CompletableFuture<Void>> closing = ConcurrentHashMap.newKeySet();
    private final RouteDelays routeDelays = new RouteDelays();
    private final String name;
    private final KindOptions options;

    /** @param pooledExchanges Camel's pooled exchange factory ({@code camel.main.exchangeFactory=pooled}) */
    CamelLoadClient(EmulatorProcess emulator, boolean defaults, boolean pooledExchanges) {
        this.name = (defaults ? "camel-defaults" : "camel") + (pooledExchanges ? "-pooled" : "");
        if (pooledExchanges) {
            camel.getCamelContextExtension().setExchangeFactory(new PooledExchangeFactory());
        }
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
        if (!defaults) {
            c.setResilient(false);
            c.setSessionResumption(false);
        }
        options = KindOptions.ours("`from(\"gemini-live:KEY\")` route, an exchange per frame through the endpoint's"
                + " producer", GeminiLiveComponents.sessionOptions(c), GeminiLiveComponents.resilienceOptions(c, "KEY"),
                emulator.trustStore() != null, "the component's `GeminiLiveEvents` pool ("
                        + component.getEventThreadPoolSize() + " threads), an exchange per event; a frame's exchange"
                        + " completes on its `GeminiLiveWrites` pool (" + component.getWriteThreadPoolSize()
                        + " thread(s)) once written")
                .withExchanges(pooledExchanges ? "pooled (`camel.main.exchangeFactory=pooled`): reused"
                        : "Camel's default (`prototype`): a new exchange per frame and per event");
        camel.addComponent("gemini-live", component);
        camel.start();
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
        CompletableFuture<LoadSession> opened = new CompletableFuture<>();
        // the route runs a session's events one at a time: setupComplete first, before any audio
        AtomicReference<String> sessionId = new AtomicReference<>();
        try {
            Endpoint endpoint = camel.getEndpoint("gemini-live:" + key);
            Producer producer = endpoint.createProducer();
            producer.start();
            AsyncProcessor to = AsyncProcessorConverterHelper.convert(producer);
            camel.addRoutes(new RouteBuilder() {
                @Override
                public void configure() {
                    from(endpoint).routeId(key).process(exchange -> {
                        Message m = exchange.getMessage();
                        switch (m.getHeader(GeminiLiveConstants.EVENT_TYPE, String.class)) {
                            case "setupComplete" -> {
                                sessionId.set(m.getHeader(GeminiLiveConstants.SESSION_ID, String.class));
                                opened.complete(session(key, endpoint, producer, to, sessionId.get(), listener));
                            }
                            case "audio" -> {
                                routeDelays.audioDelivered(sessionId.get(), listener);
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
                    });
                }
            });
        } catch (Exception e) {
            opened.completeExceptionally(e);
        }
        return opened;
    }

    private LoadSession session(String key, Endpoint endpoint, Producer producer, AsyncProcessor to,
            String sessionId, LoadListener listener) {
        return new LoadSession() {
            @Override
            public void sendAudio(byte[] pcm) {
                Exchange exchange = endpoint.createExchange();
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
                // stopping the route's consumer and the producer releases the session, which closes it
                CompletableFuture<Void> closed = CompletableFuture.runAsync(() -> {
                    try {
                        camel.getRouteController().stopRoute(key);
                        camel.removeRoute(key);
                        producer.stop();
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
