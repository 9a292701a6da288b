package io.github.camelgeminilive.telephony.twilio;

/** The headers {@link TwilioBridge} sets on the exchanges of a Media Streams WebSocket route. */
public final class TwilioConstants {

    /**
     * What the exchange carries: a Twilio event ({@code connected}, {@code start}, {@code media}, {@code mark},
     * {@code dtmf}, {@code stop}, {@code unknown}) or a WebSocket one ({@code open}, {@code hangup} when it closed,
     * {@code error}), or what the bridge did instead: {@code refused} (a {@code start} it refused, closing the WebSocket
     * with 1008), {@code invalid} (a message for a stream its WebSocket has not started, dropped and counted).
     */
    public static final String EVENT = "CamelTwilioEvent";
    /** The call's stream (also the live session's key). */
    public static final String STREAM_SID = "CamelTwilioStreamSid";
    /** The call ({@code start}, {@code stop}). */
    public static final String CALL_SID = "CamelTwilioCallSid";
    /** The {@code <Parameter>}s of the TwiML {@code <Stream>} as a {@code Map<String, String>} ({@code start}). */
    public static final String CUSTOM_PARAMETERS = "CamelTwilioCustomParameters";
    /** The key the caller pressed ({@code dtmf}). */
    public static final String DTMF_DIGIT = "CamelTwilioDtmfDigit";
    /** The name of the mark playback reached ({@code mark}). */
    public static final String MARK_NAME = "CamelTwilioMarkName";
    /** Audio (ms) of the call played to the caller up to that mark ({@code mark}); absent for a foreign mark. */
    public static final String PLAYED_MS = "CamelTwilioPlayedMs";

    private TwilioConstants() {
    }
}
