package io.github.camelgeminilive.websocket;

import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.nio.ByteBuffer;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

import org.apache.camel.Exchange;
import org.apache.camel.ExchangePattern;
import org.apache.camel.InvalidPayloadException;
import org.apache.camel.Message;
import org.xnio.XnioExecutor;

import io.undertow.server.HttpServerExchange;
import io.undertow.util.HeaderValues;
import io.undertow.util.Headers;
import io.undertow.util.StatusCodes;

/**
 * HTTP mode: each request's body is read without blocking (at most {@code maxRequestSize} bytes within
 * {@code requestTimeout}), then becomes an InOut exchange, processed asynchronously from the component's pool: a
 * slow client holds no thread. The route's reply body, {@code Content-Type} and {@code CamelHttpResponseCode}
 * answer it. At most {@code maxBacklog} requests wait for (or are in) the route: one more is answered with 503 and
 * counted in {@code backlogOverflows}, as the pool's queue does not bound them.
 */
final class HttpRequests {

    private static final String FORM = "application/x-www-form-urlencoded";
    private static final String DEFAULT_REPLY_TYPE = "text/plain; charset=UTF-8";

    private final GeminiLiveWebsocketConsumer consumer;
    /** Requests handed to the pool and not yet answered. */
    private final AtomicInteger waiting = new AtomicInteger();

    HttpRequests(GeminiLiveWebsocketConsumer consumer) {
        this.consumer = consumer;
    }

    /** Reads the body without blocking (bounded in size and time), then runs the route on the component's pool. */
    void handle(HttpServerExchange request) {
        GeminiLiveWebsocketEndpoint endpoint = consumer.getEndpoint();
        int max = endpoint.getMaxRequestSize();
        if (request.getRequestContentLength() > max) {
            respond(request, StatusCodes.REQUEST_ENTITY_TOO_LARGE, "Request body over " + max + " bytes");
            return;
        }
        request.setMaxEntitySize(max);
        // one of the body, its failure and the timeout answers the request
        AtomicBoolean settled = new AtomicBoolean();
        Duration timeout = endpoint.getRequestTimeout();
        XnioExecutor.Key timer = request.getIoThread().executeAfter(() -> {
            if (settled.compareAndSet(false, true)) {
                request.setPersistent(false);
                respond(request, StatusCodes.REQUEST_TIME_OUT, "Request body not received within " + timeout);
            }
        }, timeout.toMillis(), TimeUnit.MILLISECONDS);
        request.getRequestReceiver().receiveFullBytes((exchange, body) -> {
            timer.remove();
            if (settled.compareAndSet(false, true)) {
                dispatch(request, body);
            }
        }, (exchange, e) -> {
            timer.remove();
            if (settled.compareAndSet(false, true)) {
                // RequestTooBigException (a chunked body over the limit); else the connection broke: none to answer
                request.setPersistent(false);
                respond(request, StatusCodes.REQUEST_ENTITY_TOO_LARGE, "Request body over " + max + " bytes");
            }
        });
    }

    /** Hands the request to the pool, unless {@code maxBacklog} requests wait for (or are in) the route. */
    private void dispatch(HttpServerExchange request, byte[] body) {
        GeminiLiveWebsocketEndpoint endpoint = consumer.getEndpoint();
        if (waiting.incrementAndGet() > endpoint.getMaxBacklog()) {
            waiting.decrementAndGet();
            endpoint.backlogOverflowsCounter().incrementAndGet();
            respond(request, StatusCodes.SERVICE_UNAVAILABLE, "Too many requests waiting");
            return;
        }
        try {
            request.dispatch(endpoint.getComponent().workers(), () -> process(request, body));
        } catch (RejectedExecutionException e) {
            waiting.decrementAndGet();
            respond(request, StatusCodes.SERVICE_UNAVAILABLE, "Stopping");
        }
    }

    /** Runs the route; the HTTP response is sent when the exchange completes, on whichever thread that is. */
    private void process(HttpServerExchange request, byte[] body) {
        Exchange exchange = consumer.createExchange(false);
        exchange.setPattern(ExchangePattern.InOut);
        try {
            fill(exchange.getIn(), request, body);
        } catch (RuntimeException e) {
            exchange.setException(e);
            done(request, exchange);
            return;
        }
        consumer.getAsyncProcessor().process(exchange, doneSync -> done(request, exchange));
    }

    private void done(HttpServerExchange request, Exchange exchange) {
        try {
            byte[] reply = null;
            if (exchange.getException() == null) {
                try {
                    reply = replyBytes(exchange.getMessage());
                } catch (Exception e) {
                    exchange.setException(e);
                }
            }
            if (exchange.getException() != null) {
                consumer.getExceptionHandler().handleException("Error processing an HTTP request", exchange,
                        exchange.getException());
                // the exception's text stays in the log: it may say more than a caller should learn
                respond(request, StatusCodes.INTERNAL_SERVER_ERROR, "Internal Server Error");
            } else {
                reply(request, exchange.getMessage(), reply);
            }
        } finally {
            waiting.decrementAndGet();
            consumer.releaseExchange(exchange, false);
        }
    }

    private void fill(Message in, HttpServerExchange request, byte[] body) {
        String contentType = request.getRequestHeaders().getFirst(Headers.CONTENT_TYPE);
        Charset charset = charset(contentType);
        String text = new String(body, charset);
        Map<String, String> parameters = RequestInfo.firstValues(request.getQueryParameters());
        if (contentType != null && contentType.toLowerCase(Locale.ROOT).startsWith(FORM)) {
            formFields(text, charset).forEach(parameters::putIfAbsent);
        }
        Map<String, List<String>> headers = new LinkedHashMap<>();
        for (HeaderValues values : request.getRequestHeaders()) {
            headers.put(values.getHeaderName().toString(), values);
        }
        InetSocketAddress peer = request.getSourceAddress();
        new RequestInfo(request.getRequestPath(), parameters, RequestInfo.withoutSensitive(headers),
                peer == null ? null : peer.getHostString() + ":" + peer.getPort()).copyTo(in);
        in.setHeader(Exchange.HTTP_METHOD, request.getRequestMethod().toString());
        in.setHeader(Exchange.HTTP_QUERY, request.getQueryString());
        if (contentType != null) {
            in.setHeader(Exchange.CONTENT_TYPE, contentType);
        }
        in.setBody(text);
    }

    private static Map<String, String> formFields(String body, Charset charset) {
        Map<String, String> fields = new HashMap<>();
        for (String pair : body.split("&")) {
            if (pair.isEmpty()) {
                continue;
            }
            int eq = pair.indexOf('=');
            try {
                String name = URLDecoder.decode(eq < 0 ? pair : pair.substring(0, eq), charset);
                String value = eq < 0 ? "" : URLDecoder.decode(pair.substring(eq + 1), charset);
                fields.putIfAbsent(name, value);
            } catch (IllegalArgumentException e) {
                // a malformed %-escape: that field is left out, the raw body still has it
            }
        }
        return fields;
    }

    private static Charset charset(String contentType) {
        if (contentType != null) {
            int at = contentType.toLowerCase(Locale.ROOT).indexOf("charset=");
            if (at >= 0) {
                try {
                    return Charset.forName(contentType.substring(at + 8).split(";")[0].trim().replace("\"", ""));
                } catch (IllegalArgumentException e) {
                    // an unknown charset: read as UTF-8
                }
            }
        }
        return StandardCharsets.UTF_8;
    }

    /** The reply body: bytes as they are, anything else as UTF-8 text (Camel's type converters). */
    private static byte[] replyBytes(Message reply) throws InvalidPayloadException {
        Object body = reply.getBody();
        if (body == null) {
            return new byte[0];
        }
        return body instanceof byte[] b ? b : reply.getMandatoryBody(String.class).getBytes(StandardCharsets.UTF_8);
    }

    private static void reply(HttpServerExchange request, Message reply, byte[] bytes) {
        Integer code = reply.getHeader(Exchange.HTTP_RESPONSE_CODE, Integer.class);
        String type = reply.getHeader(Exchange.CONTENT_TYPE, String.class);
        request.setStatusCode(code == null ? StatusCodes.OK : code);
        request.getResponseHeaders().put(Headers.CONTENT_TYPE, type == null ? DEFAULT_REPLY_TYPE : type);
        request.getResponseSender().send(ByteBuffer.wrap(bytes));
    }

    /** Answers {@code request} with a short text. */
    static void respond(HttpServerExchange request, int status, String text) {
        request.setStatusCode(status);
        request.getResponseHeaders().put(Headers.CONTENT_TYPE, DEFAULT_REPLY_TYPE);
        request.getResponseSender().send(text);
    }
}
