package io.github.camelgeminilive.session.resilience;

import io.github.camelgeminilive.session.LiveEvent;

/**
 * Follows the state of the conversation on the current connection that decides when a handover is safe: the
 * newest resumption update, a model reply in progress, tool calls awaiting their response. Also feeds the
 * {@link ConversationLog}. Not thread-safe: the resilient session guards it.
 */
final class TurnTracker {

    private final ToolCalls toolCalls;
    private final ConversationLog conversation;
    private boolean newestUpdateResumable = true;
    private boolean replyInProgress;

    TurnTracker(ToolCalls toolCalls, ConversationLog conversation) {
        this.toolCalls = toolCalls;
        this.conversation = conversation;
    }

    /** A new connection: nothing in progress on it yet. */
    void newConnection() {
        newestUpdateResumable = true;
        replyInProgress = false;
    }

    void track(LiveEvent event, int connection) {
        if (event instanceof LiveEvent.ResumptionUpdate u) {
            newestUpdateResumable = u.resumable();
        } else if (event instanceof LiveEvent.Audio || event instanceof LiveEvent.Text
                || event instanceof LiveEvent.CodeExecution) {
            replyInProgress = true;
        } else if (event instanceof LiveEvent.OutputTranscription t) {
            replyInProgress = true;
            if (t.transcription() != null && t.transcription().text() != null) {
                conversation.said(t.transcription().text());
            }
        } else if (event instanceof LiveEvent.InputTranscription t) {
            if (!t.interim() && t.transcription() != null && t.transcription().text() != null) {
                conversation.heard(t.transcription().text());
            }
        } else if (event instanceof LiveEvent.TurnComplete || event instanceof LiveEvent.Interrupted) {
            replyInProgress = false;
            conversation.turnEnded();
        } else if (event instanceof LiveEvent.ToolCallRequested c) {
            toolCalls.requested(c.functionCalls(), connection);
        } else if (event instanceof LiveEvent.ToolCallCancelled c) {
            toolCalls.cancelled(c.ids());
        }
    }

    boolean replyInProgress() {
        return replyInProgress;
    }

    /** The newest update is resumable and no reply or tool call is half-done. */
    boolean safePoint() {
        return newestUpdateResumable && !replyInProgress && !toolCalls.anyPending();
    }
}
