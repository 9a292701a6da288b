package io.github.camelgeminilive.telephony.sip;

import org.apache.camel.spi.Metadata;

/**
 * The headers of the {@code gemini-live-sip} endpoint. Its consumer also sets the {@code gemini-live} producer's
 * headers (session key = Call-ID, operation, MIME type) on the exchanges for the model.
 */
public final class GeminiLiveSipConstants {

    @Metadata(label = "consumer", javaType = "String",
            description = "What happened: start (the call was answered), audio (20 ms of the caller as 16 kHz PCM),"
                    + " dtmf (a key press) or hangup (the call ended).")
    public static final String EVENT = "CamelGeminiLiveSipEvent";
    @Metadata(label = "consumer", javaType = "Boolean",
            description = "True when the exchange is a message for the gemini-live producer: the caller's audio"
                    + " (sendAudio), the greeting (sendText) or the close at hang-up.")
    public static final String TO_MODEL = "CamelGeminiLiveSipToModel";
    @Metadata(javaType = "String",
            description = "The call's SIP Call-ID, also its live session's key. The producer plays to or hangs up"
                    + " the call it names (else the one of the session key header).")
    public static final String CALL_ID = "CamelGeminiLiveSipCallId";
    @Metadata(label = "consumer", javaType = "String", description = "The caller (the INVITE's From).")
    public static final String FROM = "CamelGeminiLiveSipFrom";
    @Metadata(label = "consumer", javaType = "String", description = "Who was called (the INVITE's To).")
    public static final String TO = "CamelGeminiLiveSipTo";
    @Metadata(label = "consumer", javaType = "String", description = "The codec chosen from the offer: PCMU or PCMA.")
    public static final String CODEC = "CamelGeminiLiveSipCodec";
    @Metadata(label = "consumer", javaType = "String",
            description = "The key the caller pressed (dtmf): 0-9, *, #, A-D.")
    public static final String DTMF_DIGIT = "CamelGeminiLiveSipDtmfDigit";
    @Metadata(label = "consumer", javaType = "String",
            description = "Why the call ended (hangup): bye (the caller hung up), route (a route did), no ACK, or"
                    + " stopped (the endpoint stopped).")
    public static final String HANGUP_REASON = "CamelGeminiLiveSipHangupReason";
    @Metadata(label = "producer", javaType = "String",
            description = "hangup: end the call (BYE, or 603 while ringing). Without it the producer plays the"
                    + " gemini-live consumer's events to the call: audio, interrupted.")
    public static final String OPERATION = "CamelGeminiLiveSipOperation";

    private GeminiLiveSipConstants() {
    }
}
