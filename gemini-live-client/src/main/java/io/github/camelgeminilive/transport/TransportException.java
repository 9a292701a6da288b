package io.github.camelgeminilive.transport;

/** A connection could not be opened or a frame could not be written. Messages never contain credentials. */
public class TransportException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    public TransportException(String message, Throwable cause) {
        super(message, cause);
    }
}
