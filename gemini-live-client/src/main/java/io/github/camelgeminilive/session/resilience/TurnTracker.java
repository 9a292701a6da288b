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
    /** When (System.nanoTime) the first content of the reply in progress was read. */
    private long replyStartNanos;
    /** What was written before this time (System.nanoTime) got its reply; MIN_VALUE: nothing on this connection. */
    private long answeredBeforeNanos = Long.MIN_VALUE;

    TurnTracker(ToolCalls toolCalls, ConversationLog conversation) {
        this.toolCalls = toolCalls;
        this.conversation = conversation;
    }

    /** A new connection: nothing in progress on it yet. */
    void newConnection() {
        newestUpdateResumable = true;
        replyInProgress = false;
        answeredBeforeNanos = Long.MIN_VALUE;
    }

    void track(LiveEvent event, int connection) {
        if (event instanceof LiveEvent.ResumptionUpdate u) {
            newestUpdateResumable = u.resumable();
        } else if (event instanceof LiveEvent.Audio || event instanceof LiveEvent.Text
                || event instanceof LiveEvent.CodeExecution) {
            replyStarted();
        } else if (event instanceof LiveEvent.OutputTranscription t) {
            replyStarted();
            if (t.transcription() != null && t.transcription().text() != null) {
                conversation.said(t.transcription().text());
            }
        } else if (event instanceof LiveEvent.InputTranscription t) {
            if (!t.interim() && t.transcription() != null && t.transcription().text() != null) {
                conversation.heard(t.transcription().text());
            }
        } else if (event instanceof LiveEvent.TurnComplete || event instanceof LiveEvent.Interrupted) {
            if (replyInProgress) {
                answeredBeforeNanos = replyStartNanos;
            }
            replyInProgress = false;
            conversation.turnEnded();
        } else if (event instanceof LiveEvent.ToolCallRequested c) {
            toolCalls.requested(c.functionCalls(), connection);
        } else if (event instanceof LiveEvent.ToolCallCancelled c) {
            toolCalls.cancelled(c.ids());
        }
    }

    private void replyStarted() {
        if (!replyInProgress) {
            replyInProgress = true;
            replyStartNanos = System.nanoTime();
        }
    }

    /**
     * The start (System.nanoTime) of the newest reply on this connection that has ended: the service had read what
     * was written before it, as it answered after that and is at rest again. MIN_VALUE when no reply ended here.
     */
    long answeredBeforeNanos() {
        return answeredBeforeNanos;
    }

    boolean replyInProgress() {
        return replyInProgress;
    }

    /** The newest update is resumable and no reply or tool call is half-done. */
    boolean safePoint() {
        return newestUpdateResumable && !replyInProgress && !toolCalls.anyPending();
    }
}
