package io.github.camelgeminilive.websocket;

/** The consumer's events; {@link #eventName()} is the value of the {@code CamelGeminiLiveWebsocketEvent} header. */
public enum GeminiLiveWebsocketEvent {
    /** A peer connected; the request's path, parameters and headers come with it. */
    OPEN("open"),
    /** A whole text (String body) or binary (byte[] body) message. */
    MESSAGE("message"),
    /** The connection closed; always its last event. */
    CLOSE("close"),
    /** Reading failed or a limit was crossed; the body is the Throwable and a close follows. */
    ERROR("error");

    private final String eventName;

    GeminiLiveWebsocketEvent(String eventName) {
        this.eventName = eventName;
    }

    /** The header value, e.g. {@code message}. */
    public String eventName() {
        return eventName;
    }
}
