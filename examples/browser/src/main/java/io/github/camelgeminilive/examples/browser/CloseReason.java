package io.github.camelgeminilive.examples.browser;

/** Why the route closes a page's audio WebSocket: the close code and the text the page sees. */
public enum CloseReason {

    /** No {@code rate} parameter, or one outside 8000 to 48000 Hz. */
    RATE(1008, "declare the microphone's rate: ?rate=8000 to 48000"),
    /** A text message: the page sends binary audio only. */
    TEXT(1003, "binary 16-bit PCM frames only"),
    /** A frame shorter than 10 ms, or with an odd number of bytes (not 16-bit samples). */
    FRAME(1007, "a frame must be whole 16-bit samples, 10 ms at least"),
    /** Audio faster than real time, beyond the burst. */
    FLOOD(1008, "audio sent faster than real time"),
    /** The page's live session failed (it could not open, or the service ended it). */
    MODEL(1011, "the live session failed");

    private final int code;
    private final String reason;

    CloseReason(int code, String reason) {
        this.code = code;
        this.reason = reason;
    }

    /** The WebSocket close code. */
    public int code() {
        return code;
    }

    /** The close frame's reason (well under the 123 bytes a close frame allows). */
    public String reason() {
        return reason;
    }
}
