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
    @Metadata(description = "The close code: the one the connection closed with (consumer, close event), or the one"
            + " to close it with (producer: closes the connection after writing the body, if any).",
            javaType = "Integer")
    public static final String CLOSE_CODE = "CamelGeminiLiveWebsocketCloseCode";
    @Metadata(description = "The close reason (consumer, close event; producer, with the close code).",
            javaType = "String")
    public static final String CLOSE_REASON = "CamelGeminiLiveWebsocketCloseReason";
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
