package io.github.camelgeminilive.websocket;

import org.apache.camel.spi.Metadata;

/** The message headers of the {@code gemini-live-websocket} component. */
public final class GeminiLiveWebsocketConstants {

    @Metadata(description = "The connection an event came from (consumer), or the one to write to (producer): a"
            + " random id given when the connection opened.",
            javaType = "String")
    public static final String CONNECTION_KEY = "CamelGeminiLiveWebsocketConnectionKey";
    @Metadata(label = "consumer", description = "The kind of event: open, message, close or error.",
            javaType = "String")
    public static final String EVENT = "CamelGeminiLiveWebsocketEvent";
    @Metadata(label = "producer", description = "True: write the body to every connection of the endpoint's path.",
            javaType = "Boolean")
    public static final String SEND_TO_ALL = "CamelGeminiLiveWebsocketSendToAll";
    @Metadata(label = "consumer", description = "The code the connection closed with (close event).",
            javaType = "Integer")
    public static final String CLOSE_CODE = "CamelGeminiLiveWebsocketCloseCode";
    @Metadata(label = "consumer", description = "The reason the connection closed with (close event).",
            javaType = "String")
    public static final String CLOSE_REASON = "CamelGeminiLiveWebsocketCloseReason";
    // the producer's own close headers: a close event forwarded to a producer must not close connections
    @Metadata(label = "producer", description = "Close the connection with this code after writing the body, if"
            + " any.", javaType = "Integer")
    public static final String CLOSE_WITH_CODE = "CamelGeminiLiveWebsocketCloseWithCode";
    @Metadata(label = "producer", description = "The reason to close with (with the close-with code).",
            javaType = "String")
    public static final String CLOSE_WITH_REASON = "CamelGeminiLiveWebsocketCloseWithReason";
    @Metadata(label = "consumer", description = "The request path of the upgrade (or HTTP) request.",
            javaType = "String")
    public static final String PATH = "CamelGeminiLiveWebsocketPath";
    @Metadata(label = "consumer", description = "The query parameters of the request (first value of each name) and,"
            + " in HTTP mode, the fields of an application/x-www-form-urlencoded body.",
            javaType = "java.util.Map<String, String>")
    public static final String PARAMETERS = "CamelGeminiLiveWebsocketParameters";
    @Metadata(label = "consumer", description = "The request's headers (first value of each name), without"
            + " Authorization, Proxy-Authorization and Cookie.",
            javaType = "java.util.Map<String, String>")
    public static final String REQUEST_HEADERS = "CamelGeminiLiveWebsocketRequestHeaders";
    @Metadata(label = "consumer", description = "The peer's address (host:port).", javaType = "String")
    public static final String REMOTE_ADDRESS = "CamelGeminiLiveWebsocketRemoteAddress";

    private GeminiLiveWebsocketConstants() {
    }
}
