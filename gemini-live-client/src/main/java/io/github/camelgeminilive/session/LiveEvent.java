package io.github.camelgeminilive.session;

import java.time.Duration;
import java.util.List;

import io.github.camelgeminilive.protocol.CodeExecutionResult;
import io.github.camelgeminilive.protocol.ExecutableCode;
import io.github.camelgeminilive.protocol.FunctionCall;
import io.github.camelgeminilive.protocol.Transcription;
import io.github.camelgeminilive.protocol.UsageMetadata;

/**
 * One typed event of a live session. A server message fans out into several events, in wire order (a 3.1
 * {@code serverContent} may carry audio, transcription and turn state at once).
 */
public sealed interface LiveEvent {

    LiveEventType type();

    /** Setup finished; {@code sessionId} as sent by the service (may be null). */
    record SetupCompleted(String sessionId) implements LiveEvent {
        public LiveEventType type() { return LiveEventType.SETUP_COMPLETE; }
    }

    /** Decoded model audio (PCM bytes) and its MIME type, e.g. {@code audio/pcm;rate=24000}. */
    record Audio(byte[] data, String mimeType) implements LiveEvent {
        public LiveEventType type() { return LiveEventType.AUDIO; }
    }

    /** A text part of the model turn; {@code thought} for thinking summaries. */
    record Text(String text, boolean thought) implements LiveEvent {
        public LiveEventType type() { return LiveEventType.TEXT; }
    }

    /** Transcription of the user's audio; {@code interim} for {@code interimInputTranscription}. */
    record InputTranscription(Transcription transcription, boolean interim) implements LiveEvent {
        public LiveEventType type() { return LiveEventType.INPUT_TRANSCRIPTION; }
    }

    /** Transcription of the model's audio. */
    record OutputTranscription(Transcription transcription) implements LiveEvent {
        public LiveEventType type() { return LiveEventType.OUTPUT_TRANSCRIPTION; }
    }

    /** Code the model ran with the code-execution tool, or its result. */
    record CodeExecution(ExecutableCode code, CodeExecutionResult result) implements LiveEvent {
        public LiveEventType type() { return LiveEventType.CODE_EXECUTION; }
    }

    record GenerationComplete() implements LiveEvent {
        public LiveEventType type() { return LiveEventType.GENERATION_COMPLETE; }
    }

    /** The model's turn is over; {@code reason} is {@code turnCompleteReason} when sent. */
    record TurnComplete(String reason) implements LiveEvent {
        public LiveEventType type() { return LiveEventType.TURN_COMPLETE; }
    }

    /** The user barged in: drop any model audio still queued. */
    record Interrupted() implements LiveEvent {
        public LiveEventType type() { return LiveEventType.INTERRUPTED; }
    }

    record ToolCallRequested(List<FunctionCall> functionCalls) implements LiveEvent {
        public LiveEventType type() { return LiveEventType.TOOL_CALL; }
    }

    record ToolCallCancelled(List<String> ids) implements LiveEvent {
        public LiveEventType type() { return LiveEventType.TOOL_CALL_CANCELLATION; }
    }

    record Usage(UsageMetadata usage) implements LiveEvent {
        public LiveEventType type() { return LiveEventType.USAGE; }
    }

    record GoAwayReceived(Duration timeLeft) implements LiveEvent {
        public LiveEventType type() { return LiveEventType.GO_AWAY; }
    }

    record ResumptionUpdate(String newHandle, boolean resumable, Long lastConsumedClientMessageIndex)
            implements LiveEvent {
        public LiveEventType type() { return LiveEventType.RESUMPTION_UPDATE; }
    }

    /** {@code voiceActivity} ({@code ACTIVITY_START}/{@code ACTIVITY_END}) or an explicit VAD signal. */
    record VoiceActivity(String activityType, Duration audioOffset) implements LiveEvent {
        public LiveEventType type() { return LiveEventType.VOICE_ACTIVITY; }
    }

    /**
     * A resilient session moved to a new connection.
     *
     * @param attempts          connection attempts it took
     * @param downtime          time without a usable connection (the gap the route saw)
     * @param resumed           the conversation was resumed by handle (false: a fresh session)
     * @param replayedMessages  client messages sent again
     * @param audioLost         audio that could not be replayed (zero when nothing was lost)
     * @param audioPossiblyLost audio not replayed because the old connection's handles were only estimated to
     *                          cover it (no consumed index, no read proof: see {@code ResilienceOptions.coverageLag});
     *                          the resumed state lacks it if the service read it more than {@code coverageLag} after
     *                          its write. Zero with a consumed index ({@code transparent}) or a fresh session
     * @param replyAborted      a model reply was in progress and ended without its turnComplete
     * @param cause             why: {@code goAway}, {@code maxConnectionAge}, or the close code and reason
     */
    record Reconnected(int attempts, Duration downtime, boolean resumed, long replayedMessages, Duration audioLost,
            Duration audioPossiblyLost, boolean replyAborted, String cause) implements LiveEvent {
        public LiveEventType type() { return LiveEventType.RECONNECTED; }
    }

    /**
     * The service sent a message that failed to parse: it was skipped, counted in
     * {@link ResilienceMetrics#malformedMessages()}, and the session carries on.
     *
     * @param error the parser's message (never the frame itself)
     */
    record MalformedMessage(String error) implements LiveEvent {
        public LiveEventType type() { return LiveEventType.MALFORMED_MESSAGE; }
    }

    /** The session ended; {@code error} is null after a normal close. */
    record Closed(int code, String reason, LiveSessionException error) implements LiveEvent {
        public LiveEventType type() { return LiveEventType.CLOSED; }
    }
}
