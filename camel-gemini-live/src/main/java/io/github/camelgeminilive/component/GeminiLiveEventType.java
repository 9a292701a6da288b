package io.github.camelgeminilive.component;

import java.util.EnumMap;
import java.util.Map;

import io.github.camelgeminilive.session.LiveEventType;

/** The consumer's event types; {@link #eventName()} is the value of the {@code CamelGeminiLiveEventType} header. */
public enum GeminiLiveEventType {
    SETUP_COMPLETE("setupComplete", LiveEventType.SETUP_COMPLETE),
    AUDIO("audio", LiveEventType.AUDIO),
    TEXT("text", LiveEventType.TEXT),
    INPUT_TRANSCRIPTION("inputTranscription", LiveEventType.INPUT_TRANSCRIPTION),
    OUTPUT_TRANSCRIPTION("outputTranscription", LiveEventType.OUTPUT_TRANSCRIPTION),
    CODE_EXECUTION("codeExecution", LiveEventType.CODE_EXECUTION),
    GENERATION_COMPLETE("generationComplete", LiveEventType.GENERATION_COMPLETE),
    TURN_COMPLETE("turnComplete", LiveEventType.TURN_COMPLETE),
    INTERRUPTED("interrupted", LiveEventType.INTERRUPTED),
    TOOL_CALL("toolCall", LiveEventType.TOOL_CALL),
    TOOL_CALL_CANCELLATION("toolCallCancellation", LiveEventType.TOOL_CALL_CANCELLATION),
    USAGE("usage", LiveEventType.USAGE),
    GO_AWAY("goAway", LiveEventType.GO_AWAY),
    RECONNECTED("reconnected", LiveEventType.RECONNECTED),
    RESUMPTION_UPDATE("resumptionUpdate", LiveEventType.RESUMPTION_UPDATE),
    VOICE_ACTIVITY("voiceActivity", LiveEventType.VOICE_ACTIVITY),
    MALFORMED_MESSAGE("malformedMessage", LiveEventType.MALFORMED_MESSAGE),
    CLOSED("closed", LiveEventType.CLOSED);

    private static final Map<LiveEventType, GeminiLiveEventType> BY_SESSION_TYPE = new EnumMap<>(LiveEventType.class);

    static {
        for (GeminiLiveEventType t : values()) {
            BY_SESSION_TYPE.put(t.sessionType, t);
        }
    }

    private final String eventName;
    private final LiveEventType sessionType;

    GeminiLiveEventType(String eventName, LiveEventType sessionType) {
        this.eventName = eventName;
        this.sessionType = sessionType;
    }

    /** The header value, e.g. {@code outputTranscription}. */
    public String eventName() {
        return eventName;
    }

    public static GeminiLiveEventType of(LiveEventType type) {
        return BY_SESSION_TYPE.get(type);
    }
}
