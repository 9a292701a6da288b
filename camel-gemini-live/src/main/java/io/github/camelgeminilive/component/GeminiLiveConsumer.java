package io.github.camelgeminilive.component;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import org.apache.camel.Exchange;
import org.apache.camel.Processor;
import org.apache.camel.support.DefaultConsumer;

import io.github.camelgeminilive.session.LiveEvent;

/**
 * Routes one exchange per event of every session of its endpoint, with the {@code CamelGeminiLiveEventType} header
 * and the session's key in {@code CamelGeminiLiveSessionKey} (so a producer later in the route answers that session);
 * opens the endpoint's own session when started, unless {@code openOnStart=false}. Events arrive on the component's
 * event pool, one at a time per session and in order; the route runs synchronously so that order holds through the
 * route. The events of different sessions run in parallel.
 */
public class GeminiLiveConsumer extends DefaultConsumer {

    /** The endpoint's own session, when this consumer opened it. */
    private volatile SharedLiveSession own;

    public GeminiLiveConsumer(GeminiLiveEndpoint endpoint, Processor processor) {
        super(endpoint, processor);
    }

    @Override
    public GeminiLiveEndpoint getEndpoint() {
        return (GeminiLiveEndpoint) super.getEndpoint();
    }

    @Override
    protected void doStart() throws Exception {
        super.doStart();
        SharedLiveSession session = getEndpoint().getConfiguration().isOpenOnStart()
                ? getEndpoint().session(getEndpoint().getSessionKey())
                : null;
        getEndpoint().consumerStarted(this);
        if (session != null) {
            own = session;
            open(session, 1);
        }
    }

    /**
     * Opens the session. A connect that failed for a passing reason (network, service unavailable) is tried again,
     * with the reconnect backoff ({@code reconnectInitialDelay} doubling, with jitter, up to {@code reconnectMaxDelay}),
     * for as long as the route runs: a consumer started while the service was unreachable must not stay idle for
     * good. A refusal (1007, 1008) is final.
     */
    private void open(SharedLiveSession session, int attempt) {
        session.session().whenComplete((s, e) -> {
            if (e == null) {
                return;
            }
            getExceptionHandler().handleException("Cannot open gemini-live session '" + session.key() + "' (attempt "
                    + attempt + ")", e);
            if (session != own || !isRunAllowed() || session.isEnded()) {
                return;
            }
            // the next try is attempt + 1 of this outage, spaced as the endpoint's reconnects are
            long delay = LiveSettingsMapper.reconnectPolicy(getEndpoint().getConfiguration()).delayBefore(attempt + 1)
                    .toMillis();
            CompletableFuture.delayedExecutor(delay, TimeUnit.MILLISECONDS, getEndpoint().getComponent()::executeEvent)
                    .execute(() -> {
                        if (session == own && isRunAllowed()) {
                            open(session, attempt + 1);
                        }
                    });
        });
    }

    @Override
    protected void doStop() throws Exception {
        own = null;
        getEndpoint().consumerStopped(this);
        super.doStop();
    }

    /** An event of {@code session}, one of the endpoint's sessions (on the event pool, in order per session). */
    void onEvent(SharedLiveSession session, LiveEvent event) {
        if (!isRunAllowed()) {
            return;
        }
        Exchange exchange = createExchange(false);
        try {
            exchange.getMessage().setHeader(GeminiLiveConstants.SESSION_KEY, session.key());
            exchange.getMessage().setHeader(GeminiLiveConstants.SESSION_ID, session.sessionId());
            LiveEventMessages.fill(exchange.getMessage(), event);
            if (event instanceof LiveEvent.Reconnected) {
                exchange.getMessage().setBody(session.metrics()); // the session's totals, beside this move's headers
            }
            getProcessor().process(exchange);
        } catch (Exception e) {
            exchange.setException(e);
        } finally {
            if (exchange.getException() != null) {
                getExceptionHandler().handleException("Error processing gemini-live event "
                        + event.type(), exchange, exchange.getException());
            }
            releaseExchange(exchange, false);
        }
    }
}
