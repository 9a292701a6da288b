package io.github.camelgeminilive.component;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import org.apache.camel.Exchange;
import org.apache.camel.Processor;
import org.apache.camel.support.DefaultConsumer;

import io.github.camelgeminilive.session.LiveEvent;
import io.github.camelgeminilive.session.LiveSessionListener;

/**
 * Opens (or joins) the endpoint's live session when started and routes one exchange per session event, with the
 * {@code CamelGeminiLiveEventType} header. Events arrive on the component's event pool, one at a time per session and
 * in order; the route runs synchronously so that order holds through the route.
 */
public class GeminiLiveConsumer extends DefaultConsumer implements LiveSessionListener {

    private SharedLiveSession shared;

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
        shared = getEndpoint().acquireSession(getEndpoint().getSessionKey());
        shared.addListener(this);
        open(shared, 1);
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
            if (session != shared || !isRunAllowed() || session.isEnded()) {
                return;
            }
            // the next try is attempt + 1 of this outage, spaced as the endpoint's reconnects are
            long delay = LiveSettingsMapper.reconnectPolicy(getEndpoint().getConfiguration()).delayBefore(attempt + 1)
                    .toMillis();
            CompletableFuture.delayedExecutor(delay, TimeUnit.MILLISECONDS, getEndpoint().getComponent()::executeEvent)
                    .execute(() -> {
                        if (session == shared && isRunAllowed()) {
                            open(session, attempt + 1);
                        }
                    });
        });
    }

    @Override
    protected void doStop() throws Exception {
        if (shared != null) {
            shared.removeListener(this);
            getEndpoint().releaseSession(shared);
            shared = null;
        }
        super.doStop();
    }

    @Override
    public void onEvent(LiveEvent event) {
        SharedLiveSession session = shared;
        if (session == null || !isRunAllowed()) {
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
