package io.github.camelgeminilive.telephony.twilio;

import org.apache.camel.spi.Metadata;

/** The headers {@link TwilioBridge} sets on the exchanges of a Media Streams WebSocket route. */
public final class TwilioConstants {

    @Metadata(description = "What the exchange carries: a Twilio event (connected, start, media, mark, dtmf, stop,"
            + " unknown) or a WebSocket one (open, hangup when it closed, error), or what the bridge did instead:"
            + " refused (a start it refused, closing the WebSocket with 1008), invalid (a message for a stream its"
            + " WebSocket has not started, dropped and counted).", javaType = "String")
    public static final String EVENT = "CamelTwilioEvent";
    @Metadata(description = "True when the exchange is a message for the gemini-live producer (session key ="
            + " the streamSid): the caller's audio as 16 kHz PCM (sendAudio), the greeting (sendText) or the close"
            + " when the call ends.", javaType = "Boolean")
    public static final String TO_MODEL = "CamelTwilioToModel";
    @Metadata(description = "The call's stream (also the live session's key).", javaType = "String")
    public static final String STREAM_SID = "CamelTwilioStreamSid";
    @Metadata(description = "The call (start, stop).", javaType = "String")
    public static final String CALL_SID = "CamelTwilioCallSid";
    @Metadata(description = "The <Parameter>s of the TwiML <Stream> (start).", javaType = "Map<String, String>")
    public static final String CUSTOM_PARAMETERS = "CamelTwilioCustomParameters";
    @Metadata(description = "The key the caller pressed (dtmf).", javaType = "String")
    public static final String DTMF_DIGIT = "CamelTwilioDtmfDigit";
    @Metadata(description = "The name of the mark playback reached (mark).", javaType = "String")
    public static final String MARK_NAME = "CamelTwilioMarkName";
    @Metadata(description = "Audio (ms) of the call played to the caller up to that mark (mark); absent for a"
            + " foreign mark.", javaType = "Long")
    public static final String PLAYED_MS = "CamelTwilioPlayedMs";

    private TwilioConstants() {
    }
}
