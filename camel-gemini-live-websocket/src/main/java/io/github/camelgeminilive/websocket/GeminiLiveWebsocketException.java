package io.github.camelgeminilive.websocket;

import org.apache.camel.RuntimeCamelException;

/** A write the producer could not make: unknown or closed connection, full queue, no server. */
public class GeminiLiveWebsocketException extends RuntimeCamelException {

    public GeminiLiveWebsocketException(String message) {
        super(message);
    }

    public GeminiLiveWebsocketException(String message, Throwable cause) {
        super(message, cause);
    }
}
