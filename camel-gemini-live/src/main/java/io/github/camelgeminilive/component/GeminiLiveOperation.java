package io.github.camelgeminilive.component;

import java.util.Arrays;
import java.util.stream.Collectors;

/** The sends a producer can make; the value of the {@code CamelGeminiLiveOperation} header. */
public enum GeminiLiveOperation {
    sendText,
    sendRealtimeText,
    sendAudio,
    sendVideo,
    sendClientContent,
    sendToolResponse,
    activityStart,
    activityEnd,
    audioStreamEnd,
    endOfTurn,
    close,
    /**
     * Lets go of the session here without ending the conversation: closes its connection and forgets it locally,
     * but keeps its stored resumption handle, so that another instance sharing the handle repository resumes it.
     */
    release,
    /** Changes the system instruction and/or the tools mid-session ({@code contextUpdate}). */
    contextUpdate,
    /**
     * Appends turns to the conversation without asking for an answer ({@code clientContent}, with
     * {@code initialHistoryInClientContent} the session's initial history).
     */
    seedHistory;

    /** Parses a header value, failing with the list of valid operations. */
    public static GeminiLiveOperation parse(String name) {
        for (GeminiLiveOperation op : values()) {
            if (op.name().equalsIgnoreCase(name)) {
                return op;
            }
        }
        throw new IllegalArgumentException("Unknown " + GeminiLiveConstants.OPERATION + " '" + name + "'; use one of "
                + Arrays.stream(values()).map(Enum::name).collect(Collectors.joining(", ")));
    }

    /** Whether an InOut exchange waits for the model's reply turn after this send. */
    public boolean expectsReply() {
        return this != close && this != release && this != activityStart && this != contextUpdate
                && this != seedHistory;
    }
}
