package io.github.camelgeminilive.component;

import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import org.apache.camel.AsyncCallback;
import org.apache.camel.Exchange;
import org.apache.camel.ExchangeTimedOutException;
import org.apache.camel.Message;
import org.apache.camel.support.DefaultAsyncProducer;

import io.github.camelgeminilive.protocol.UsageMetadata;

/**
 * Sends user input to a live session. InOnly: the exchange completes when the frame is written. InOut: it completes
 * when the model's reply turn is complete, with the reply audio as body (the text when there is no audio) and
 * transcript, token counts and the interrupted flag as headers. Messages reach the wire in the order
 * {@code process} was called, also while the session connects ({@link SharedLiveSession#send}). The caller is not
 * blocked, except by an InputStream body, which is read and sent frame by frame on the caller's thread.
 */
public class GeminiLiveProducer extends DefaultAsyncProducer {

    private final Map<String, SharedLiveSession> sessions = new ConcurrentHashMap<>();

    public GeminiLiveProducer(GeminiLiveEndpoint endpoint) {
        super(endpoint);
    }

    @Override
    public GeminiLiveEndpoint getEndpoint() {
        return (GeminiLiveEndpoint) super.getEndpoint();
    }

    @Override
    protected void doStart() throws Exception {
        super.doStart();
        sessionFor(getEndpoint().getSessionKey());
    }

    @Override
    protected void doStop() throws Exception {
        sessions.values().forEach(getEndpoint()::releaseSession);
        sessions.clear();
        super.doStop();
    }

    @Override
    public boolean process(Exchange exchange, AsyncCallback callback) {
        SendRequest request;
        SharedLiveSession shared;
        try {
            request = SendRequestResolver.resolve(exchange);
            String key = exchange.getMessage().getHeader(GeminiLiveConstants.SESSION_KEY,
                    getEndpoint().getSessionKey(), String.class);
            shared = sessionFor(key);
        } catch (RuntimeException e) {
            exchange.setException(e);
            callback.done(true);
            return true;
        }
        if (request.operation() == GeminiLiveOperation.close) {
            CompletableFuture<Void> closed = shared.end();
            if (!shared.key().equals(getEndpoint().getSessionKey())) {
                closed = closed.whenComplete((v, e) -> releaseSession(shared));
            }
            return whenWritten(exchange, callback, closed, shared);
        }
        boolean awaitReply = exchange.getPattern().isOutCapable() && request.operation().expectsReply();
        SharedLiveSession.Sent sent = shared.send(request.messages(), awaitReply);
        CompletableFuture<TurnReply> reply = sent.reply();
        if (reply == null) {
            return whenWritten(exchange, callback, sent.written(), shared);
        }
        long timeout = getEndpoint().getConfiguration().getReplyTimeout();
        reply.orTimeout(timeout, TimeUnit.MILLISECONDS)
                .whenCompleteAsync((r, e) -> {
                    if (e != null) {
                        shared.replies().abandon(reply);
                    }
                    complete(exchange, callback, e, r, shared, false);
                }, replyExecutor());
        return false;
    }

    /** InOnly: the exchange completes when the message(s) are written. */
    private boolean whenWritten(Exchange exchange, AsyncCallback callback, CompletableFuture<Void> written,
            SharedLiveSession shared) {
        if (written.isDone()) { // written on this thread (the usual case for a frame): no hand-off needed
            complete(exchange, callback, written.handle((v, e) -> e).join(), null, shared, true);
            return true;
        }
        written.whenCompleteAsync((v, e) -> complete(exchange, callback, e, null, shared, false), replyExecutor());
        return false;
    }

    private void complete(Exchange exchange, AsyncCallback callback, Throwable error, TurnReply reply,
            SharedLiveSession shared, boolean doneSync) {
        try {
            if (error != null) {
                exchange.setException(failure(exchange, error, shared));
            } else if (reply != null) {
                setReply(exchange.getMessage(), reply, shared);
            }
        } finally {
            callback.done(doneSync);
        }
    }

    private Throwable failure(Exchange exchange, Throwable error, SharedLiveSession shared) {
        Throwable cause = error instanceof CompletionException && error.getCause() != null ? error.getCause() : error;
        if (cause instanceof TimeoutException) {
            return new ExchangeTimedOutException(exchange, getEndpoint().getConfiguration().getReplyTimeout(),
                    "No complete reply turn from the model on gemini-live session '" + shared.key() + "'");
        }
        return cause;
    }

    private static void setReply(Message message, TurnReply reply, SharedLiveSession shared) {
        if (reply.audio().length > 0 || reply.text().isEmpty()) {
            message.setBody(reply.audio());
            message.setHeader(GeminiLiveConstants.MIME_TYPE, reply.mimeType());
        } else {
            message.setBody(reply.text());
        }
        message.setHeader(GeminiLiveConstants.OUTPUT_TRANSCRIPT, reply.transcript());
        message.setHeader(GeminiLiveConstants.INTERRUPTED, reply.interrupted());
        message.setHeader(GeminiLiveConstants.SESSION_ID, shared.sessionId());
        UsageMetadata usage = reply.usage();
        if (usage != null) {
            message.setHeader(GeminiLiveConstants.PROMPT_TOKEN_COUNT, usage.promptTokenCount());
            message.setHeader(GeminiLiveConstants.RESPONSE_TOKEN_COUNT, usage.responseTokenCount());
            message.setHeader(GeminiLiveConstants.TOTAL_TOKEN_COUNT, usage.totalTokenCount());
        }
    }

    private SharedLiveSession sessionFor(String key) {
        return sessions.computeIfAbsent(key, getEndpoint()::acquireSession);
    }

    private void releaseSession(SharedLiveSession shared) {
        if (sessions.remove(shared.key(), shared)) {
            getEndpoint().releaseSession(shared);
        }
    }

    private Executor replyExecutor() {
        return getEndpoint().getComponent().replyExecutor();
    }
}
