package io.github.camelgeminilive.component;

import org.apache.camel.Message;

import io.github.camelgeminilive.protocol.FunctionCall;
import io.github.camelgeminilive.session.LiveEvent;

/** Writes one {@link LiveEvent} into a consumer message: the event-type header, a body and the event's headers. */
final class LiveEventMessages {

    private LiveEventMessages() {
    }

    static void fill(Message m, LiveEvent event) {
        m.setHeader(GeminiLiveConstants.EVENT_TYPE, GeminiLiveEventType.of(event.type()).eventName());
        if (event instanceof LiveEvent.Audio e) {
            m.setBody(e.data());
            m.setHeader(GeminiLiveConstants.MIME_TYPE, e.mimeType());
        } else if (event instanceof LiveEvent.Text e) {
            m.setBody(e.text());
            m.setHeader(GeminiLiveConstants.THOUGHT, e.thought());
        } else if (event instanceof LiveEvent.OutputTranscription e) {
            m.setBody(e.transcription().text());
            m.setHeader(GeminiLiveConstants.OUTPUT_TRANSCRIPT, e.transcription().text());
        } else if (event instanceof LiveEvent.InputTranscription e) {
            m.setBody(e.transcription().text());
            m.setHeader(GeminiLiveConstants.INPUT_TRANSCRIPT, e.transcription().text());
            m.setHeader(GeminiLiveConstants.INTERIM, e.interim());
        } else if (event instanceof LiveEvent.CodeExecution e) {
            m.setBody(e.code() != null ? e.code() : e.result());
        } else if (event instanceof LiveEvent.TurnComplete e) {
            m.setHeader(GeminiLiveConstants.TURN_COMPLETE_REASON, e.reason());
        } else if (event instanceof LiveEvent.Interrupted) {
            m.setHeader(GeminiLiveConstants.INTERRUPTED, true);
        } else if (event instanceof LiveEvent.ToolCallRequested e) {
            m.setBody(e.functionCalls());
            if (e.functionCalls().size() == 1) {
                FunctionCall call = e.functionCalls().get(0);
                m.setHeader(GeminiLiveConstants.TOOL_CALL_ID, call.id());
                m.setHeader(GeminiLiveConstants.FUNCTION_NAME, call.name());
                m.setHeader(GeminiLiveConstants.FUNCTION_ARGS, call.args());
            }
        } else if (event instanceof LiveEvent.ToolCallCancelled e) {
            m.setBody(e.ids());
        } else if (event instanceof LiveEvent.Usage e) {
            m.setBody(e.usage());
            m.setHeader(GeminiLiveConstants.PROMPT_TOKEN_COUNT, e.usage().promptTokenCount());
            m.setHeader(GeminiLiveConstants.RESPONSE_TOKEN_COUNT, e.usage().responseTokenCount());
            m.setHeader(GeminiLiveConstants.TOTAL_TOKEN_COUNT, e.usage().totalTokenCount());
        } else if (event instanceof LiveEvent.GoAwayReceived e) {
            m.setHeader(GeminiLiveConstants.GO_AWAY_TIME_LEFT, e.timeLeft());
        } else if (event instanceof LiveEvent.Reconnected e) {
            m.setHeader(GeminiLiveConstants.RECONNECT_ATTEMPTS, e.attempts());
            m.setHeader(GeminiLiveConstants.DOWNTIME, e.downtime().toMillis());
            m.setHeader(GeminiLiveConstants.RESUMED, e.resumed());
            m.setHeader(GeminiLiveConstants.REPLAYED_MESSAGES, e.replayedMessages());
            m.setHeader(GeminiLiveConstants.AUDIO_LOST, e.audioLost().toMillis());
            m.setHeader(GeminiLiveConstants.AUDIO_POSSIBLY_LOST, e.audioPossiblyLost().toMillis());
            m.setHeader(GeminiLiveConstants.REPLY_ABORTED, e.replyAborted());
            m.setHeader(GeminiLiveConstants.RECONNECT_CAUSE, e.cause());
        } else if (event instanceof LiveEvent.ResumptionUpdate e) {
            m.setBody(e.newHandle());
            m.setHeader(GeminiLiveConstants.RESUMPTION_HANDLE, e.newHandle());
            m.setHeader(GeminiLiveConstants.RESUMABLE, e.resumable());
        } else if (event instanceof LiveEvent.VoiceActivity e) {
            m.setBody(e.activityType());
        } else if (event instanceof LiveEvent.MalformedMessage e) {
            m.setBody(e.error());
        } else if (event instanceof LiveEvent.SetupCompleted e) {
            m.setHeader(GeminiLiveConstants.SESSION_ID, e.sessionId());
        } else if (event instanceof LiveEvent.Closed e) {
            m.setHeader(GeminiLiveConstants.CLOSE_CODE, e.code());
            m.setHeader(GeminiLiveConstants.CLOSE_REASON, e.reason());
            m.setBody(e.error());
        }
    }
}
