package io.github.camelgeminilive.session;

/**
 * A session failed or was closed by the service. {@link #closeCode()} is the WebSocket close code (1006 when the
 * connection was lost without a close frame, 0 when no connection was involved) and {@link #reason()} the
 * service's reason text, often its only explanation.
 */
public class LiveSessionException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    /** Close code for a connection lost without a close frame. */
    public static final int ABNORMAL = 1006;

    private final int closeCode;
    private final String reason;

    public LiveSessionException(String message, int closeCode, String reason, Throwable cause) {
        super(message, cause);
        this.closeCode = closeCode;
        this.reason = reason;
    }

    public int closeCode() {
        return closeCode;
    }

    public String reason() {
        return reason;
    }

    /** The typed exception for a close frame: 1007, 1008 and 1011 have their own types. */
    public static LiveSessionException forClose(int code, String reason) {
        String text = reason == null || reason.isEmpty() ? "(no reason given)" : reason;
        return switch (code) {
            case 1007 -> new InvalidArgumentException(code, text);
            case 1008 -> new PolicyViolationException(code, text);
            case 1011 -> new ServerErrorException(code, text);
            default -> new ConnectionLostException("Live API connection closed with code " + code + ": " + text,
                    code, text, null);
        };
    }

    /** 1007: the service rejected a message (bad JSON, unknown field, unsupported modality or MIME type). */
    public static class InvalidArgumentException extends LiveSessionException {
        private static final long serialVersionUID = 1L;

        public InvalidArgumentException(int code, String reason) {
            super("Live API rejected a message as invalid (1007): " + reason, code, reason, null);
        }
    }

    /** 1008: missing or invalid credentials, permission denied, model not found for the key. */
    public static class PolicyViolationException extends LiveSessionException {
        private static final long serialVersionUID = 1L;

        public PolicyViolationException(int code, String reason) {
            super("Live API refused the session (1008, policy/auth): " + reason, code, reason, null);
        }
    }

    /** 1011: internal error, unavailable, deadline or quota exceeded; worth retrying. */
    public static class ServerErrorException extends LiveSessionException {
        private static final long serialVersionUID = 1L;

        public ServerErrorException(int code, String reason) {
            super("Live API server error (1011): " + reason, code, reason, null);
        }
    }

    /** The connection dropped, timed out or closed abnormally. */
    public static class ConnectionLostException extends LiveSessionException {
        private static final long serialVersionUID = 1L;

        public ConnectionLostException(String message, int code, String reason, Throwable cause) {
            super(message, code, reason, cause);
        }
    }

    /** The service sent something that is not a valid server message; the client closed the session (1007). */
    public static class MalformedMessageException extends LiveSessionException {
        private static final long serialVersionUID = 1L;

        public MalformedMessageException(String message, Throwable cause) {
            super(message, 1007, "malformed server message", cause);
        }
    }

    /** A send on a session that is already closed. */
    public static class SessionClosedException extends LiveSessionException {
        private static final long serialVersionUID = 1L;

        public SessionClosedException(String message) {
            super(message, 0, null, null);
        }

        /** @param cause why the session ended, when known */
        public SessionClosedException(String message, Throwable cause) {
            super(message, 0, null, cause);
        }
    }
}
