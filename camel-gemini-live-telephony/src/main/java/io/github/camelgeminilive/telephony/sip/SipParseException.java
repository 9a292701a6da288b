package io.github.camelgeminilive.telephony.sip;

/** A SIP message or SDP body that cannot be understood; the message says what is wrong. */
public class SipParseException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    public SipParseException(String message) {
        super(message);
    }
}
