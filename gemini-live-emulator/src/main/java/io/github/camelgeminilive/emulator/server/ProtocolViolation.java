package io.github.camelgeminilive.emulator.server;

/** A client did something the service answers with a close frame: the code and the reason to send. */
final class ProtocolViolation extends Exception {

    private static final long serialVersionUID = 1L;

    static final int INVALID_ARGUMENT = 1007;
    static final int POLICY = 1008;
    static final int INTERNAL = 1011;

    private final int code;

    ProtocolViolation(int code, String reason) {
        super(reason, null, false, false);
        this.code = code;
    }

    static ProtocolViolation invalid(String reason) {
        return new ProtocolViolation(INVALID_ARGUMENT, reason);
    }

    int code() {
        return code;
    }

    String reason() {
        return getMessage();
    }
}
