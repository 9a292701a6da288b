package io.github.camelgeminilive.session;

/** The kinds of {@link LiveEvent}; the Camel consumer puts the name in its event-type header. */
public enum LiveEventType {
    SETUP_COMPLETE,
    AUDIO,
    TEXT,
    INPUT_TRANSCRIPTION,
    OUTPUT_TRANSCRIPTION,
    CODE_EXECUTION,
    GENERATION_COMPLETE,
    TURN_COMPLETE,
    INTERRUPTED,
    TOOL_CALL,
    TOOL_CALL_CANCELLATION,
    USAGE,
    GO_AWAY,
    RESUMPTION_UPDATE,
    VOICE_ACTIVITY,
    RECONNECTED,
    MALFORMED_MESSAGE,
    CLOSED
}
