package io.github.camelgeminilive.component;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.Executor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Consumer;

import org.apache.camel.AsyncCallback;
import org.apache.camel.Exchange;
import org.apache.camel.ExchangeTimedOutException;
import org.apache.camel.Message;
import org.apache.camel.support.DefaultAsyncProducer;

import io.github.camelgeminilive.audio.Wav;
import io.github.camelgeminilive.protocol.MimeTypes;
import io.github.camelgeminilive.protocol.UsageMetadata;

/**
 * Sends user input to one of the endpoint's live sessions: the one {@code CamelGeminiLiveSessionKey} names, else the
 * endpoint's own. InOnly: the exchange completes when the frame is written. InOut: it completes when the model's
 * reply turn is complete, with the reply as body in the endpoint's {@code replyFormat} and transcript, token counts
 * and the interrupted flag as headers; the wait holds no thread and no lock shared with other sessions. Messages reach
 * the wire in the order {@code process} was called, also while the session connects ({@link SharedLiveSession#send}).
 * The caller is not blocked, except by an InputStream body, which is read and sent frame by frame on the caller's
 * thread.
 */
public class GeminiLiveProducer extends DefaultAsyncProducer {

    /** The MIME type of a {@code replyFormat=wav} reply. */
    static final String WAV_MIME_TYPE = "audio/wav";
    /** The reason in the {@code closed} event of a released session. */
    static final String RELEASED = "released by the route (release operation)";

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
        getEndpoint().producerStarted();
    }

    @Override
    protected void doStop() throws Exception {
        getEndpoint().producerStopped();
        super.doStop();
    }

    @Override
    public boolean process(Exchange exchange, AsyncCallback callback) {
        SendRequest request;
        SharedLiveSession shared;
        CompletableFuture<Void> closed = null;
        String key;
        try {
            request = SendRequestResolver.resolve(exchange);
            key = exchange.getMessage().getHeader(GeminiLiveConstants.SESSION_KEY, getEndpoint().getSessionKey(),
                    String.class);
            if (request.operation() == GeminiLiveOperation.close) {
                closed = getEndpoint().endSession(key, "closed by the route (close operation)");
                shared = null;
            } else if (request.operation() == GeminiLiveOperation.release) {
                closed = getEndpoint().releaseSession(key, RELEASED);
                shared = null;
            } else {
                shared = getEndpoint().session(key);
            }
        } catch (RuntimeException e) {
            exchange.setException(e);
            callback.done(true);
            return true;
        }
        if (closed != null) {
            return whenWritten(exchange, callback, closed, key);
        }
        boolean awaitReply = exchange.getPattern().isOutCapable() && request.operation().expectsReply();
        SharedLiveSession.Sent sent = shared.send(request.messages(), awaitReply);
        CompletableFuture<TurnReply> reply = sent.reply();
        if (reply == null) {
            return whenWritten(exchange, callback, sent.written(), key);
        }
        long timeout = getEndpoint().getConfiguration().getReplyTimeout();
        reply.orTimeout(timeout, TimeUnit.MILLISECONDS)
                .whenCompleteAsync((r, e) -> {
                    if (e != null) {
                        shared.replies().abandon(reply);
                    }
                    complete(exchange, callback, e, key, m -> setReply(m, r, shared), false);
                }, replyExecutor());
        return false;
    }

    /**
     * InOnly: the exchange completes when the message(s) are written; when that is later than this call, on the
     * component's {@code GeminiLiveWrites} thread (never the I/O thread that wrote).
     */
    private boolean whenWritten(Exchange exchange, AsyncCallback callback, CompletableFuture<Void> written,
            String key) {
        if (written.isDone()) { // written on this thread (the usual case for a frame): no hand-off needed
            Throwable error = written.isCompletedExceptionally() ? written.handle((v, e) -> e).join() : null;
            complete(exchange, callback, error, key, null, true);
            return true;
        }
        written.whenCompleteAsync((v, e) -> complete(exchange, callback, e, key, null, false),
                getEndpoint().getComponent().writeCompletions());
        return false;
    }

    /** Fails the exchange with {@code error}, or sets its reply ({@code reply} may be null: InOnly); then done. */
    private void complete(Exchange exchange, AsyncCallback callback, Throwable error, String key,
            Consumer<Message> reply, boolean doneSync) {
        try {
            if (error != null) {
                exchange.setException(failure(exchange, error, key));
            } else if (reply != null) {
                reply.accept(exchange.getMessage());
            }
        } catch (RuntimeException e) { // e.g. a reply whose MIME type the service garbled cannot be a WAV file
            exchange.setException(e);
        } finally {
            callback.done(doneSync);
        }
    }

    private Throwable failure(Exchange exchange, Throwable error, String key) {
        Throwable cause = error instanceof CompletionException && error.getCause() != null ? error.getCause() : error;
        if (cause instanceof TimeoutException) {
            return new ExchangeTimedOutException(exchange, getEndpoint().getConfiguration().getReplyTimeout(),
                    "No complete reply turn from the model on gemini-live session '" + key + "'");
        }
        return cause;
    }

    private void setReply(Message message, TurnReply reply, SharedLiveSession shared) {
        boolean audio = reply.audio().length > 0 || reply.text().isEmpty();
        switch (getEndpoint().getConfiguration().getReplyFormat()) {
            case wav:
                if (audio) {
                    int rate = reply.mimeType() == null
                            ? MimeTypes.PCM_OUTPUT_RATE
                            : MimeTypes.pcmRate(reply.mimeType(), MimeTypes.PCM_OUTPUT_RATE);
                    message.setBody(Wav.toBytes(reply.audio(), rate));
                    message.setHeader(GeminiLiveConstants.MIME_TYPE, WAV_MIME_TYPE);
                } else {
                    message.setBody(reply.text());
                }
                break;
            case transcript:
                message.setBody(reply.transcript().isEmpty() ? reply.text() : reply.transcript());
                break;
            case events:
                message.setBody(reply.events());
                break;
            default:
                if (audio) {
                    message.setBody(reply.audio());
                    message.setHeader(GeminiLiveConstants.MIME_TYPE, reply.mimeType());
                } else {
                    message.setBody(reply.text());
                }
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

    private Executor replyExecutor() {
        return getEndpoint().getComponent().replyExecutor();
    }
}
