package io.github.camelgeminilive.websocket;

import java.nio.ByteBuffer;
import java.util.List;
import java.util.concurrent.Executor;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;

import org.apache.camel.AsyncCallback;
import org.apache.camel.Exchange;
import org.apache.camel.InvalidPayloadException;
import org.apache.camel.Message;
import org.apache.camel.support.DefaultAsyncProducer;

/**
 * Writes the body to the connection the connection-key header names, or to every connection of the endpoint's path
 * ({@code sendToAll}): a String as a text frame, bytes as a binary one; with a close code header, closes the
 * connection after it. The exchange completes once everything is written, and fails when a connection is unknown,
 * gone, or its outgoing queue is full. When that is after this producer returned (a frame is written on the
 * connection's I/O thread), the exchange continues on the component's writes thread, never on the I/O thread.
 */
public class GeminiLiveWebsocketProducer extends DefaultAsyncProducer {

    public GeminiLiveWebsocketProducer(GeminiLiveWebsocketEndpoint endpoint) {
        super(endpoint);
    }

    @Override
    public GeminiLiveWebsocketEndpoint getEndpoint() {
        return (GeminiLiveWebsocketEndpoint) super.getEndpoint();
    }

    @Override
    public boolean process(Exchange exchange, AsyncCallback callback) {
        List<WebsocketConnection> targets;
        Object payload;
        Integer closeCode;
        try {
            Message in = exchange.getIn();
            closeCode = in.getHeader(GeminiLiveWebsocketConstants.CLOSE_WITH_CODE, Integer.class);
            if (closeCode != null && !WebsocketConnection.isSendableCloseCode(closeCode)) {
                throw new GeminiLiveWebsocketException("Cannot close with " + closeCode + ": a close code to send is"
                        + " 1000-1003, 1007-1011 or 3000-4999");
            }
            payload = payload(in, closeCode != null);
            targets = targets(in);
        } catch (RuntimeException | InvalidPayloadException e) {
            exchange.setException(e);
            callback.done(true);
            return true;
        }
        int writes = targets.size() * ((payload == null ? 0 : 1) + (closeCode == null ? 0 : 1));
        if (writes == 0) {
            callback.done(true);
            return true;
        }
        // one more than the writes: this call's own, given up when it returns, so that whoever completes last knows
        // whether the exchange completes synchronously (here) or later (off the I/O thread that wrote)
        AtomicInteger remaining = new AtomicInteger(writes + 1);
        AtomicReference<Throwable> failure = new AtomicReference<>();
        Executor later = getEndpoint().getComponent().writeCompletions();
        Consumer<Throwable> done = error -> {
            if (error != null) {
                failure.compareAndSet(null, error);
            }
            if (remaining.decrementAndGet() == 0) {
                later.execute(() -> complete(exchange, failure.get(), callback, false));
            }
        };
        String reason = exchange.getIn().getHeader(GeminiLiveWebsocketConstants.CLOSE_WITH_REASON, "",
                String.class);
        for (WebsocketConnection connection : targets) {
            if (payload != null) {
                connection.send(payload instanceof ByteBuffer b ? b.duplicate() : payload, done);
            }
            if (closeCode != null) {
                connection.close(closeCode, reason, false, done);
            }
        }
        if (remaining.decrementAndGet() == 0) {
            complete(exchange, failure.get(), callback, true);
            return true;
        }
        return false;
    }

    private static void complete(Exchange exchange, Throwable failure, AsyncCallback callback, boolean doneSync) {
        if (failure != null) {
            exchange.setException(failure instanceof GeminiLiveWebsocketException
                    ? failure : new GeminiLiveWebsocketException("Write failed: " + failure.getMessage(), failure));
        }
        callback.done(doneSync);
    }

    /** A String (text frame), a ByteBuffer (binary frame) or, when the exchange only closes, null. */
    private static Object payload(Message in, boolean closes) throws InvalidPayloadException {
        Object body = in.getBody();
        if (body == null) {
            if (closes) {
                return null;
            }
            throw new GeminiLiveWebsocketException("Nothing to write: the body is null");
        }
        if (body instanceof byte[] bytes) {
            return ByteBuffer.wrap(bytes);
        }
        if (body instanceof ByteBuffer buffer) {
            return buffer;
        }
        return body instanceof String text ? text : in.getMandatoryBody(String.class);
    }

    private List<WebsocketConnection> targets(Message in) {
        GeminiLiveWebsocketEndpoint endpoint = getEndpoint();
        WebsocketHost host = endpoint.getComponent().host(endpoint.hostKey());
        if (host == null) {
            throw new GeminiLiveWebsocketException("No route consumes " + endpoint.hostKey() + " (the server is not"
                    + " running): nothing to write to");
        }
        if (endpoint.isSendToAll() || in.getHeader(GeminiLiveWebsocketConstants.SEND_TO_ALL, false, Boolean.class)) {
            GeminiLiveWebsocketConsumer consumer = host.websocketConsumer(endpoint.getPath());
            return consumer == null ? List.of() : List.copyOf(consumer.connections());
        }
        String key = in.getHeader(GeminiLiveWebsocketConstants.CONNECTION_KEY, String.class);
        if (key == null) {
            throw new GeminiLiveWebsocketException("Set the " + GeminiLiveWebsocketConstants.CONNECTION_KEY
                    + " header (or sendToAll) to say which connection to write to");
        }
        WebsocketConnection connection = host.connection(key);
        if (connection == null) {
            throw new GeminiLiveWebsocketException("No open connection " + key + " on " + endpoint.hostKey()
                    + ": it closed or never existed");
        }
        return List.of(connection);
    }
}
