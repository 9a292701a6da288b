package io.github.camelgeminilive.transport;

/**
 * A send the connection refused because its outgoing queue was at its bound ({@code maxOutgoingBytes}): the frame was
 * not queued and the connection stays usable. Counted by {@link WebSocketConnection#refusedSends()}.
 */
public final class SendRefusedException extends TransportException {

    private static final long serialVersionUID = 1L;

    SendRefusedException(String message) {
        super(message, null);
    }
}
