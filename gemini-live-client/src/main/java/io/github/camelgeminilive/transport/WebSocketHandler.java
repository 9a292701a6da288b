package io.github.camelgeminilive.transport;

/**
 * Receives what arrives on one connection. Called on an I/O thread: implementations hand work off and return
 * quickly. {@link #onClose} is called exactly once, last.
 */
public interface WebSocketHandler {

    /** A whole text message. */
    void onText(String text);

    /** A whole binary message (the Live API sends its JSON this way). */
    void onBinary(byte[] data);

    /**
     * The connection ended: {@code code} from the close frame, or 1006 (abnormal) when it was lost without one;
     * {@code error} is the transport failure that ended it, if any.
     */
    void onClose(int code, String reason, Throwable error);

    /** A pong arrived (the answer to {@link WebSocketConnection#sendPing}). */
    default void onPong() {
    }
}
