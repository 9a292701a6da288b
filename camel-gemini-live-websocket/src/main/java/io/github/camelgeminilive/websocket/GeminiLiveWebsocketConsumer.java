package io.github.camelgeminilive.websocket;

import java.net.InetSocketAddress;
import java.util.Collection;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;

import org.apache.camel.Exchange;
import org.apache.camel.Message;
import org.apache.camel.Processor;
import org.apache.camel.support.DefaultConsumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.xnio.IoUtils;

import io.undertow.server.HttpHandler;
import io.undertow.server.HttpServerExchange;
import io.undertow.util.StatusCodes;
import io.undertow.websockets.WebSocketProtocolHandshakeHandler;
import io.undertow.websockets.core.WebSocketChannel;
import io.undertow.websockets.core.WebSockets;
import io.undertow.websockets.spi.WebSocketHttpExchange;

/**
 * Receives the connections (or, in HTTP mode, the requests) of its endpoint's path: an exchange per connection event,
 * in order per connection, on the component's pool.
 */
public class GeminiLiveWebsocketConsumer extends DefaultConsumer {

    private static final Logger LOG = LoggerFactory.getLogger(GeminiLiveWebsocketConsumer.class);

    private final Map<String, WebsocketConnection> connections = new ConcurrentHashMap<>();
    private final AtomicInteger open = new AtomicInteger();
    private final HttpHandler handshake = new WebSocketProtocolHandshakeHandler(this::onConnect);
    private final HttpRequests httpRequests;

    public GeminiLiveWebsocketConsumer(GeminiLiveWebsocketEndpoint endpoint, Processor processor) {
        super(endpoint, processor);
        this.httpRequests = new HttpRequests(this);
    }

    @Override
    public GeminiLiveWebsocketEndpoint getEndpoint() {
        return (GeminiLiveWebsocketEndpoint) super.getEndpoint();
    }

    @Override
    protected void doStart() throws Exception {
        super.doStart();
        getEndpoint().getComponent().register(this);
    }

    @Override
    protected void doStop() throws Exception {
        getEndpoint().getComponent().unregister(this);
        super.doStop();
    }

    /** A WebSocket upgrade request for this path (on an I/O thread). */
    void upgrade(HttpServerExchange exchange) throws Exception {
        if (open.get() >= getEndpoint().getMaxConnections()) {
            getEndpoint().refusedConnectionsCounter().incrementAndGet();
            HttpRequests.respond(exchange, StatusCodes.SERVICE_UNAVAILABLE, "Too many connections");
            return;
        }
        handshake.handleRequest(exchange);
    }

    /** A plain HTTP request for this path (HTTP mode). */
    void request(HttpServerExchange exchange) {
        httpRequests.handle(exchange);
    }

    private void onConnect(WebSocketHttpExchange request, WebSocketChannel channel) {
        if (open.incrementAndGet() > getEndpoint().getMaxConnections()) {
            // more upgrades passed the check in upgrade() at once than there was room for
            open.decrementAndGet();
            getEndpoint().refusedConnectionsCounter().incrementAndGet();
            WebSockets.sendClose(WebsocketConnection.INTERNAL_ERROR, "Too many connections", channel, null);
            // its answer is not read: the socket is cut once the peer had the time to read the close
            channel.getIoThread().executeAfter(() -> IoUtils.safeClose(channel),
                    getEndpoint().getCloseTimeout().toNanos(), TimeUnit.NANOSECONDS);
            return;
        }
        WebsocketConnection connection = new WebsocketConnection(this, channel);
        connections.put(connection.key(), connection);
        InetSocketAddress peer = channel.getSourceAddress();
        connection.open(new RequestInfo(getEndpoint().getPath(),
                RequestInfo.firstValues(request.getRequestParameters()),
                RequestInfo.withoutSensitive(request.getRequestHeaders()),
                peer == null ? null : peer.getHostString() + ":" + peer.getPort()));
    }

    void connectionClosed(WebsocketConnection connection) {
        if (connections.remove(connection.key()) != null) {
            open.decrementAndGet();
        }
    }

    WebsocketConnection connection(String key) {
        return connections.get(key);
    }

    Collection<WebsocketConnection> connections() {
        return connections.values();
    }

    /** Hands one event of {@code connection} to the route; {@code done} gets it when its exchange completed. */
    void deliver(WebsocketConnection connection, InboundEvent event, Consumer<InboundEvent> done) {
        if (!isRunAllowed()) {
            // the route is stopping (its connections close with 1001): Camel no longer runs exchanges on it
            getEndpoint().stopDropsCounter().increment();
            LOG.debug("Not delivered, the route is stopping: {} event of connection {}", event.type().eventName(),
                    connection.key());
            done.accept(event);
            return;
        }
        Exchange exchange = createExchange(false);
        Message in = exchange.getIn();
        in.setHeader(GeminiLiveWebsocketConstants.CONNECTION_KEY, connection.key());
        in.setHeader(GeminiLiveWebsocketConstants.EVENT, event.type().eventName());
        in.setHeader(GeminiLiveWebsocketConstants.PATH, getEndpoint().getPath());
        switch (event.type()) {
            case OPEN -> ((RequestInfo) event.body()).copyTo(in);
            case MESSAGE, ERROR -> in.setBody(event.body());
            case CLOSE -> {
                in.setHeader(GeminiLiveWebsocketConstants.CLOSE_CODE, event.closeCode());
                in.setHeader(GeminiLiveWebsocketConstants.CLOSE_REASON, event.closeReason());
            }
        }
        getAsyncProcessor().process(exchange, doneSync -> {
            try {
                if (exchange.getException() != null) {
                    getExceptionHandler().handleException("Error processing a " + event.type().eventName()
                            + " event of connection " + connection.key(), exchange, exchange.getException());
                }
                releaseExchange(exchange, false);
            } finally { // a failing exception handler must not wedge the connection's inbox
                done.accept(event);
            }
        });
    }
}
