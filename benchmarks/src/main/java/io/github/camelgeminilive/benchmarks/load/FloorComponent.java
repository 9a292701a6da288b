package io.github.camelgeminilive.benchmarks.load;

import java.util.Map;
import java.util.concurrent.CompletableFuture;

import org.apache.camel.AsyncCallback;
import org.apache.camel.Consumer;
import org.apache.camel.Endpoint;
import org.apache.camel.Exchange;
import org.apache.camel.Message;
import org.apache.camel.Processor;
import org.apache.camel.Producer;
import org.apache.camel.support.DefaultAsyncProducer;
import org.apache.camel.support.DefaultComponent;
import org.apache.camel.support.DefaultConsumer;
import org.apache.camel.support.DefaultEndpoint;

import io.github.camelgeminilive.component.GeminiLiveConstants;
import io.github.camelgeminilive.component.GeminiLiveEventType;
import io.github.camelgeminilive.session.LiveClient;
import io.github.camelgeminilive.session.LiveEvent;
import io.github.camelgeminilive.session.LiveSession;
import io.github.camelgeminilive.session.ResilienceOptions;

/**
 * The least a Camel component can add to the bare client, to tell Camel's own cost per message from the
 * {@code gemini-live} component's ({@code camel-floor}, and {@code camel-floor-plain} over plain sessions).
 * {@code floor:KEY} opens a resilient session (the client's default resilience options) or a plain one when its
 * consumer starts and routes every event as a new exchange with the headers the {@code gemini-live} consumer sets for
 * audio (session key and id, event type, MIME type; fewer for other events), on the client's own event pool with no
 * further hand-off. Its producer sends a frame's body with {@code sendAudio} and completes the exchange wherever the
 * write completes, usually on the I/O thread: a lower bound, which breaks the rule the real component keeps (no route
 * work on an I/O thread). Nothing else: no option checks, no session sharing, no pending queue, no reply matching, no
 * metrics.
 */
final class FloorComponent extends DefaultComponent {

    private final LiveClient client;
    private final boolean resilient;

    /** @param resilient resilient sessions (the client's default resilience options), or plain ones */
    FloorComponent(LiveClient client, boolean resilient) {
        this.client = client;
        this.resilient = resilient;
    }

    @Override
    protected void doStop() throws Exception {
        client.close();
        super.doStop();
    }

    @Override
    protected Endpoint createEndpoint(String uri, String remaining, Map<String, Object> parameters) {
        return new FloorEndpoint(uri, this, remaining);
    }

    private final class FloorEndpoint extends DefaultEndpoint {

        private final String key;
        private final CompletableFuture<LiveSession> session = new CompletableFuture<>();

        FloorEndpoint(String uri, FloorComponent component, String key) {
            super(uri, component);
            this.key = key;
        }

        @Override
        public Producer createProducer() {
            return new DefaultAsyncProducer(this) {
                @Override
                public boolean process(Exchange exchange, AsyncCallback callback) {
                    LiveSession s;
                    try {
                        s = session.join(); // open by now (frames follow setupComplete); joining keeps their order
                    } catch (RuntimeException e) {
                        exchange.setException(e);
                        callback.done(true);
                        return true;
                    }
                    s.sendAudio(exchange.getMessage().getBody(byte[].class), OurLoadClient.MIME)
                            .whenComplete((v, e) -> {
                                exchange.setException(e);
                                callback.done(false);
                            });
                    return false;
                }
            };
        }

        @Override
        public Consumer createConsumer(Processor processor) {
            return new DefaultConsumer(this, processor) {
                private volatile String sessionId;

                @Override
                protected void doStart() throws Exception {
                    super.doStart();
                    CompletableFuture<? extends LiveSession> opened = resilient
                            ? client.connectResilient(OurLoadClient.sessionOptions(), ResilienceOptions.defaults(),
                                    this::deliver)
                            : client.connect(OurLoadClient.sessionOptions(), null, this::deliver);
                    opened.whenComplete((s, e) -> {
                        if (e != null) {
                            getExceptionHandler().handleException("Cannot open session " + key, e);
                            session.completeExceptionally(e);
                        } else {
                            session.complete(s);
                        }
                    });
                }

                @Override
                protected void doStop() throws Exception {
                    session.thenCompose(LiveSession::closeAsync);
                    super.doStop();
                }

                private void deliver(LiveEvent event) {
                    if (!isRunAllowed()) {
                        return; // e.g. the closed event of the session this consumer's stop closed
                    }
                    if (event instanceof LiveEvent.SetupCompleted setup) {
                        sessionId = setup.sessionId();
                    }
                    Exchange exchange = createExchange(false);
                    Message m = exchange.getMessage();
                    m.setHeader(GeminiLiveConstants.SESSION_KEY, key);
                    m.setHeader(GeminiLiveConstants.SESSION_ID, sessionId);
                    m.setHeader(GeminiLiveConstants.EVENT_TYPE, GeminiLiveEventType.of(event.type()).eventName());
                    if (event instanceof LiveEvent.Audio a) {
                        m.setBody(a.data());
                        m.setHeader(GeminiLiveConstants.MIME_TYPE, a.mimeType());
                    } else if (event instanceof LiveEvent.OutputTranscription t) {
                        m.setBody(t.transcription().text());
                    } else if (event instanceof LiveEvent.Closed c) {
                        m.setHeader(GeminiLiveConstants.CLOSE_CODE, c.code());
                        m.setHeader(GeminiLiveConstants.CLOSE_REASON, c.reason());
                    }
                    try {
                        getProcessor().process(exchange);
                    } catch (Exception e) {
                        exchange.setException(e);
                    } finally {
                        if (exchange.getException() != null) {
                            getExceptionHandler().handleException("Error processing event " + event.type(), exchange,
                                    exchange.getException());
                        }
                        releaseExchange(exchange, false);
                    }
                }
            };
        }
    }
}
