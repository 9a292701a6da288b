package io.github.camelgeminilive.telephony.twilio;

/** A Media Streams message that is not valid: malformed JSON, a missing or oversized field, bad base64. */
public class TwilioProtocolException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    public TwilioProtocolException(String message) {
        super(message);
    }

    public TwilioProtocolException(String message, Throwable cause) {
        super(message, cause);
    }
}
