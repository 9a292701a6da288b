package io.github.camelgeminilive.component;

import org.apache.camel.spi.Metadata;

/** The message headers of the {@code gemini-live} component. */
public final class GeminiLiveConstants {

    @Metadata(label = "consumer", description = "The kind of server event: audio, text, inputTranscription,"
            + " outputTranscription, codeExecution, generationComplete, turnComplete,"
            + " interrupted, toolCall, toolCallCancellation, usage, goAway,"
            + " reconnected, resumptionUpdate, voiceActivity, malformedMessage,"
            + " setupComplete or closed.",
            javaType = "String")
    public static final String EVENT_TYPE = "CamelGeminiLiveEventType";
    @Metadata(label = "producer", description = "Selects the send explicitly instead of deriving it from the body"
            + " type: sendText, sendRealtimeText, sendAudio, sendVideo,"
            + " sendClientContent, sendToolResponse, activityStart, activityEnd,"
            + " audioStreamEnd, endOfTurn, close, release, contextUpdate or seedHistory.",
            javaType = "String")
    public static final String OPERATION = "CamelGeminiLiveOperation";
    @Metadata(description = "The MIME type of binary media: audio/pcm;rate=16000 (producer default),"
            + " audio/pcm;rate=24000 (model audio), image/jpeg or image/png.",
            javaType = "String")
    public static final String MIME_TYPE = "CamelGeminiLiveMimeType";
    @Metadata(description = "The live session's key. On the producer it picks another session than the endpoint's"
            + " (e.g. one per phone call); on the consumer it names the session the event came from.",
            javaType = "String")
    public static final String SESSION_KEY = "CamelGeminiLiveSessionKey";
    @Metadata(label = "producer", description = "Where the exchange's input comes from in its source, ascending per"
            + " session (e.g. the Kafka offset): the stored resumption handle then says the highest position it"
            + " covers, so the source is acknowledged only up to there (resilient sessions).",
            javaType = "Long")
    public static final String INPUT_POSITION = "CamelGeminiLiveInputPosition";
    @Metadata(description = "The service's session id (from setupComplete), when it sent one.", javaType = "String")
    public static final String SESSION_ID = "CamelGeminiLiveSessionId";
    @Metadata(description = "The transcript of the model's audio: one chunk (consumer) or the whole reply (InOut"
            + " producer).",
            javaType = "String")
    public static final String OUTPUT_TRANSCRIPT = "CamelGeminiLiveOutputTranscript";
    @Metadata(label = "consumer", description = "The transcript of the user's audio.", javaType = "String")
    public static final String INPUT_TRANSCRIPT = "CamelGeminiLiveInputTranscript";
    @Metadata(description = "Prompt token count of the turn.", javaType = "Integer")
    public static final String PROMPT_TOKEN_COUNT = "CamelGeminiLivePromptTokenCount";
    @Metadata(description = "Response token count of the turn.", javaType = "Integer")
    public static final String RESPONSE_TOKEN_COUNT = "CamelGeminiLiveResponseTokenCount";
    @Metadata(description = "Total token count of the turn.", javaType = "Integer")
    public static final String TOTAL_TOKEN_COUNT = "CamelGeminiLiveTotalTokenCount";
    @Metadata(description = "The id of a tool call (consumer, single call) or of the call a Map body answers"
            + " (producer, sendToolResponse).",
            javaType = "String")
    public static final String TOOL_CALL_ID = "CamelGeminiLiveToolCallId";
    @Metadata(description = "The function name of a tool call (consumer, single call) or of the call a Map body"
            + " answers (producer, sendToolResponse).",
            javaType = "String")
    public static final String FUNCTION_NAME = "CamelGeminiLiveFunctionName";
    @Metadata(label = "consumer", description = "The arguments of a single tool call.",
            javaType = "java.util.Map<String, Object>")
    public static final String FUNCTION_ARGS = "CamelGeminiLiveFunctionArgs";
    @Metadata(label = "consumer", description = "Why the turn completed (turnCompleteReason), when the service says.",
            javaType = "String")
    public static final String TURN_COMPLETE_REASON = "CamelGeminiLiveTurnCompleteReason";
    @Metadata(label = "consumer", description = "Time left before the service closes the connection (goAway).",
            javaType = "java.time.Duration")
    public static final String GO_AWAY_TIME_LEFT = "CamelGeminiLiveGoAwayTimeLeft";
    @Metadata(label = "consumer", description = "Connection attempts the move to a new connection took (reconnected).",
            javaType = "Integer")
    public static final String RECONNECT_ATTEMPTS = "CamelGeminiLiveReconnectAttempts";
    @Metadata(label = "consumer", description = "Time (ms) the session was without a usable connection: the gap the"
            + " route saw (reconnected).",
            javaType = "Long")
    public static final String DOWNTIME = "CamelGeminiLiveDowntime";
    @Metadata(label = "consumer", description = "True when the conversation was resumed by handle, false when a fresh"
            + " session replaced it (reconnected).",
            javaType = "Boolean")
    public static final String RESUMED = "CamelGeminiLiveResumed";
    @Metadata(label = "consumer", description = "Client messages sent again after the resume (reconnected).",
            javaType = "Long")
    public static final String REPLAYED_MESSAGES = "CamelGeminiLiveReplayedMessages";
    @Metadata(label = "consumer", description = "Audio (ms) that could not be replayed and the service may never have"
            + " received; 0 when nothing was lost (reconnected).",
            javaType = "Long")
    public static final String AUDIO_LOST = "CamelGeminiLiveAudioLost";
    @Metadata(label = "consumer", description = "Audio (ms) not replayed because the old connection's handle was only"
            + " estimated to cover it (Gemini API: no consumed index; see coverageLag): the resumed state lacks it if"
            + " the service read it late; 0 with transparent resumption (reconnected).",
            javaType = "Long")
    public static final String AUDIO_POSSIBLY_LOST = "CamelGeminiLiveAudioPossiblyLost";
    @Metadata(label = "consumer", description = "True when a model reply was in progress and was cut off; its InOut"
            + " exchange fails with ReplyAbortedException (reconnected).",
            javaType = "Boolean")
    public static final String REPLY_ABORTED = "CamelGeminiLiveReplyAborted";
    @Metadata(label = "consumer", description = "Why the session moved: goAway, maxConnectionAge, or the close code and"
            + " reason of the lost connection (reconnected).",
            javaType = "String")
    public static final String RECONNECT_CAUSE = "CamelGeminiLiveReconnectCause";
    @Metadata(label = "consumer", description = "The newest session resumption handle.", javaType = "String")
    public static final String RESUMPTION_HANDLE = "CamelGeminiLiveResumptionHandle";
    @Metadata(label = "consumer", description = "Whether the session can be resumed at this point.",
            javaType = "Boolean")
    public static final String RESUMABLE = "CamelGeminiLiveResumable";
    @Metadata(description = "True when the user interrupted the model's turn (barge-in).", javaType = "Boolean")
    public static final String INTERRUPTED = "CamelGeminiLiveInterrupted";
    @Metadata(label = "consumer", description = "The WebSocket close code of a closed session.", javaType = "Integer")
    public static final String CLOSE_CODE = "CamelGeminiLiveCloseCode";
    @Metadata(label = "consumer", description = "The service's close reason of a closed session.", javaType = "String")
    public static final String CLOSE_REASON = "CamelGeminiLiveCloseReason";
    @Metadata(label = "tools", description = "Set by a tool route: the scheduling (INTERRUPT, WHEN_IDLE or SILENT) of"
            + " the response to a NON_BLOCKING function, instead of the toolScheduling option's.",
            javaType = "String")
    public static final String TOOL_SCHEDULING = "CamelGeminiLiveToolScheduling";

    @Metadata(label = "consumer", description = "True for a text part that is the model's thinking (thought: true,"
            + " with includeThoughts), false for its answer (text events).",
            javaType = "Boolean")
    public static final String THOUGHT = "CamelGeminiLiveThought";
    @Metadata(label = "consumer", description = "True for an interim transcript of the user's audio"
            + " (interimInputTranscription, may still change), false for a final one (inputTranscription events).",
            javaType = "Boolean")
    public static final String INTERIM = "CamelGeminiLiveInterim";
    @Metadata(label = "producer", description = "Whether the turns of sendClientContent and seedHistory complete the"
            + " user's turn (default true). sendClientContent: false appends them without an answer. seedHistory: with"
            + " initialHistoryInClientContent the message with true ends the seeding; without that option send"
            + " false, or the model answers.",
            javaType = "Boolean")
    public static final String TURN_COMPLETE = "CamelGeminiLiveTurnComplete";

    private GeminiLiveConstants() {
    }
}
