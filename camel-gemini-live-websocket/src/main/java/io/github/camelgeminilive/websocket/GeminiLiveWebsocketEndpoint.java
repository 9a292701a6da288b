package io.github.camelgeminilive.websocket;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;

import org.apache.camel.Category;
import org.apache.camel.Consumer;
import org.apache.camel.Processor;
import org.apache.camel.Producer;
import org.apache.camel.api.management.ManagedAttribute;
import org.apache.camel.api.management.ManagedResource;
import org.apache.camel.spi.EndpointServiceLocation;
import org.apache.camel.spi.Metadata;
import org.apache.camel.spi.UriEndpoint;
import org.apache.camel.spi.UriParam;
import org.apache.camel.spi.UriPath;
import org.apache.camel.support.DefaultEndpoint;

/**
 * Serve WebSocket connections and plain HTTP requests from routes (Twilio Media Streams, TwiML webhooks, browser
 * pages), on Undertow.
 * <p>
 * The endpoint is a WebSocket (or, with {@code http=true}, plain HTTP) path on a server of the component. Consumers
 * receive the events of the path's connections; producers write to one connection (by its key) or to all of the
 * path's.
 */
@ManagedResource(description = "Managed Gemini Live WebSocket server endpoint")
@UriEndpoint(firstVersion = "0.1.0", scheme = "gemini-live-websocket", title = "Gemini Live WebSocket Server",
        syntax = "gemini-live-websocket:host:port/path", category = {Category.NETWORKING, Category.HTTP},
        headersClass = GeminiLiveWebsocketConstants.class)
public class GeminiLiveWebsocketEndpoint extends DefaultEndpoint implements EndpointServiceLocation {

    /** The largest message, request body and outgoing queue the options accept. */
    static final int MAX_SIZE_LIMIT = 16 * 1024 * 1024;
    /** The most messages of one connection in flight the option accepts. */
    static final int MAX_IN_FLIGHT = 1000;

    @UriPath(description = "The interface to listen on: 127.0.0.1 (this machine only, behind a tunnel or reverse"
            + " proxy) or 0.0.0.0 (every interface).")
    @Metadata(required = true)
    private String host;
    @UriPath(description = "The port; 0 picks a free one, shared by the endpoints that say 0 on the same host.")
    @Metadata(required = true)
    private int port;
    @UriPath(description = "The request path, matched exactly (the query string is not part of it).",
            defaultValue = "/")
    private String path = "/";
    @UriParam(label = "consumer", defaultValue = "false",
            description = "Serve plain HTTP requests (InOut: the reply body and Content-Type answer) instead of"
                    + " WebSocket connections.")
    private boolean http;
    @UriParam(label = "consumer", defaultValue = "65536",
            description = "The largest message (text or binary, in bytes) a peer may send; a larger one closes the"
                    + " connection with 1009.")
    private int maxMessageSize = 65_536;
    @UriParam(label = "consumer", defaultValue = "1000",
            description = "Open connections of this path at most; more are refused (HTTP 503, or close 1011).")
    private int maxConnections = 1000;
    @UriParam(label = "consumer", defaultValue = "5m", javaType = "java.time.Duration",
            description = "A connection on which nothing arrives for this long is closed with 1000 (0: never).")
    private Duration idleTimeout = Duration.ofMinutes(5);
    @UriParam(label = "consumer", defaultValue = "5s", javaType = "java.time.Duration",
            description = "How long a peer has to answer the server's close frame before its socket is cut.")
    private Duration closeTimeout = Duration.ofSeconds(5);
    @UriParam(label = "consumer", defaultValue = "1000",
            description = "Messages of one connection waiting for (or in) the route at most; one more is dropped and"
                    + " counted, and closes the connection with 1011. In HTTP mode: requests of the endpoint waiting"
                    + " for (or in) the route at most; one more is answered with 503 and counted.")
    private int maxBacklog = 1000;
    @UriParam(label = "consumer", defaultValue = "10",
            description = "Messages of one connection started and not yet completed at most: the next one starts as"
                    + " soon as the route returned the previous one (still completing asynchronously, as the"
                    + " gemini-live producer does until its frame is written); 1 waits for each exchange to complete."
                    + " Open, close and error events run alone.")
    private int maxInFlight = 10;
    @UriParam(label = "consumer", defaultValue = "65536",
            description = "The largest HTTP request body (bytes) in HTTP mode; a larger one is answered with 413.")
    private int maxRequestSize = 65_536;
    @UriParam(label = "consumer", defaultValue = "30s", javaType = "java.time.Duration",
            description = "How long an HTTP request body may take to arrive in HTTP mode; a slower one is answered"
                    + " with 408 and its connection closed.")
    private Duration requestTimeout = Duration.ofSeconds(30);
    @UriParam(label = "consumer", defaultValue = "1000",
            description = "Frames waiting to be written to each connection of this consumer at most; a write beyond"
                    + " fails its exchange (producers write to connections under their consumer's bound).")
    private int maxOutgoing = 1000;
    @UriParam(label = "producer", defaultValue = "false",
            description = "Write every message to all connections of the path instead of the one the connection key"
                    + " header names.")
    private boolean sendToAll;

    private final AtomicLong refusedConnections = new AtomicLong();
    private final AtomicLong oversizeMessages = new AtomicLong();
    private final AtomicLong backlogOverflows = new AtomicLong();
    private final AtomicLong idleCloses = new AtomicLong();
    private final LongAdder stopDrops = new LongAdder();

    public GeminiLiveWebsocketEndpoint(String uri, GeminiLiveWebsocketComponent component) {
        super(uri, component);
    }

    @Override
    public GeminiLiveWebsocketComponent getComponent() {
        return (GeminiLiveWebsocketComponent) super.getComponent();
    }

    @Override
    public Producer createProducer() {
        return new GeminiLiveWebsocketProducer(this);
    }

    @Override
    public Consumer createConsumer(Processor processor) throws Exception {
        GeminiLiveWebsocketConsumer consumer = new GeminiLiveWebsocketConsumer(this, processor);
        configureConsumer(consumer);
        return consumer;
    }

    @Override
    protected void doInit() throws Exception {
        super.doInit();
        OptionBounds.check("maxMessageSize", maxMessageSize, 1, MAX_SIZE_LIMIT);
        OptionBounds.check("maxConnections", maxConnections, 1, Integer.MAX_VALUE);
        OptionBounds.check("maxBacklog", maxBacklog, 1, Integer.MAX_VALUE);
        OptionBounds.check("maxInFlight", maxInFlight, 1, MAX_IN_FLIGHT);
        OptionBounds.check("maxRequestSize", maxRequestSize, 1, MAX_SIZE_LIMIT);
        OptionBounds.check("maxOutgoing", maxOutgoing, 1, MAX_SIZE_LIMIT);
        OptionBounds.check("idleTimeout", idleTimeout, Duration.ZERO, null); // 0: never
        OptionBounds.check("closeTimeout", closeTimeout, Duration.ofMillis(1), null);
        OptionBounds.check("requestTimeout", requestTimeout, Duration.ofMillis(1), null);
        if (!path.startsWith("/")) {
            path = "/" + path;
        }
    }

    HostKey hostKey() {
        return new HostKey(host, port);
    }

    /** The port the server listens on (the chosen one for port 0), or -1 while no consumer serves host:port. */
    @ManagedAttribute(description = "The port the server listens on, -1 when it is not running")
    public int getLocalPort() {
        WebsocketHost h = getComponent().host(hostKey());
        return h == null ? -1 : h.localPort();
    }

    @Override
    public String getServiceUrl() {
        return (http ? "http://" : "ws://") + hostKey() + path;
    }

    @Override
    public String getServiceProtocol() {
        return http ? "http" : "ws";
    }

    @ManagedAttribute(description = "Connections refused because maxConnections were open")
    public long getRefusedConnections() {
        return refusedConnections.get();
    }

    @ManagedAttribute(description = "Messages over maxMessageSize (each closed its connection with 1009)")
    public long getOversizeMessages() {
        return oversizeMessages.get();
    }

    @ManagedAttribute(description = "Messages dropped because maxBacklog messages waited for the route (the first"
            + " closed its connection with 1011); in HTTP mode, requests answered with 503 for the same reason")
    public long getBacklogOverflows() {
        return backlogOverflows.get();
    }

    @ManagedAttribute(description = "Connections closed after idleTimeout without a message")
    public long getIdleCloses() {
        return idleCloses.get();
    }

    @ManagedAttribute(description = "Events not delivered because the route or the component was stopping")
    public long getStopDrops() {
        return stopDrops.sum();
    }

    AtomicLong refusedConnectionsCounter() {
        return refusedConnections;
    }

    AtomicLong oversizeMessagesCounter() {
        return oversizeMessages;
    }

    AtomicLong backlogOverflowsCounter() {
        return backlogOverflows;
    }

    AtomicLong idleClosesCounter() {
        return idleCloses;
    }

    LongAdder stopDropsCounter() {
        return stopDrops;
    }

    public String getHost() {
        return host;
    }

    public void setHost(String host) {
        this.host = host;
    }

    public int getPort() {
        return port;
    }

    public void setPort(int port) {
        this.port = port;
    }

    public String getPath() {
        return path;
    }

    public void setPath(String path) {
        this.path = path;
    }

    public boolean isHttp() {
        return http;
    }

    public void setHttp(boolean http) {
        this.http = http;
    }

    public int getMaxMessageSize() {
        return maxMessageSize;
    }

    public void setMaxMessageSize(int maxMessageSize) {
        this.maxMessageSize = maxMessageSize;
    }

    public int getMaxConnections() {
        return maxConnections;
    }

    public void setMaxConnections(int maxConnections) {
        this.maxConnections = maxConnections;
    }

    public Duration getIdleTimeout() {
        return idleTimeout;
    }

    public void setIdleTimeout(Duration idleTimeout) {
        this.idleTimeout = idleTimeout;
    }

    public Duration getCloseTimeout() {
        return closeTimeout;
    }

    public void setCloseTimeout(Duration closeTimeout) {
        this.closeTimeout = closeTimeout;
    }

    public int getMaxBacklog() {
        return maxBacklog;
    }

    public void setMaxBacklog(int maxBacklog) {
        this.maxBacklog = maxBacklog;
    }

    public int getMaxInFlight() {
        return maxInFlight;
    }

    public void setMaxInFlight(int maxInFlight) {
        this.maxInFlight = maxInFlight;
    }

    public int getMaxRequestSize() {
        return maxRequestSize;
    }

    public void setMaxRequestSize(int maxRequestSize) {
        this.maxRequestSize = maxRequestSize;
    }

    public Duration getRequestTimeout() {
        return requestTimeout;
    }

    public void setRequestTimeout(Duration requestTimeout) {
        this.requestTimeout = requestTimeout;
    }

    public int getMaxOutgoing() {
        return maxOutgoing;
    }

    public void setMaxOutgoing(int maxOutgoing) {
        this.maxOutgoing = maxOutgoing;
    }

    public boolean isSendToAll() {
        return sendToAll;
    }

    public void setSendToAll(boolean sendToAll) {
        this.sendToAll = sendToAll;
    }
}
