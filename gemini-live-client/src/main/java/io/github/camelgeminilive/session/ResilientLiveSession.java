package io.github.camelgeminilive.session;

import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.concurrent.ScheduledExecutorService;
import java.util.function.Consumer;

import io.github.camelgeminilive.protocol.ClientMessage;
import io.github.camelgeminilive.protocol.Content;
import io.github.camelgeminilive.protocol.FunctionResponse;

/**
 * The {@link ResilientSession} the caller holds: encodes and validates each send on the caller's thread and hands
 * it to the {@link Handover} state machine, which writes, holds or replays it across connections.
 */
final class ResilientLiveSession implements ResilientSession {

    private static final Consumer<ConversationLog> NOT_A_TURN = log -> { };

    private final Handover handover;

    /** @param counters shared with the connections {@code connector} opens */
    ResilientLiveSession(LiveClient.Connector connector, ScheduledExecutorService scheduler, Executor pool,
            SessionOptions options, ResilienceOptions resilience, LiveSessionListener listener,
            SessionCounters counters) {
        this.handover = new Handover(this, connector, scheduler, pool, options, resilience, listener, counters);
    }

    /** Connects the first time, from the stored handle when there is a usable one. */
    CompletableFuture<ResilientSession> start() {
        return handover.start();
    }

    CompletableFuture<Void> endedFuture() {
        return handover.endedFuture();
    }

    @Override
    public CompletableFuture<Void> sendText(String text) {
        return handover.submit(() -> ClientFrame.text(handover.rules(), text), log -> log.userText(text));
    }

    @Override
    public CompletableFuture<Void> sendRealtimeText(String text) {
        return handover.submit(() -> ClientFrame.realtimeText(text), log -> log.userText(text));
    }

    @Override
    public CompletableFuture<Void> sendAudio(byte[] pcm, int offset, int length, String mimeType) {
        return handover.submit(() -> ClientFrame.audio(pcm, offset, length, mimeType), NOT_A_TURN);
    }

    @Override
    public CompletableFuture<Void> sendVideo(byte[] frame, String mimeType) {
        return handover.submit(() -> ClientFrame.video(frame, mimeType), NOT_A_TURN);
    }

    @Override
    public CompletableFuture<Void> sendClientContent(List<Content> turns, boolean turnComplete) {
        return handover.submit(() -> ClientFrame.clientContent(turns, turnComplete), log -> log.userTurns(turns));
    }

    @Override
    public CompletableFuture<Void> sendToolResponse(List<FunctionResponse> responses) {
        return handover.submit(() -> ClientFrame.toolResponse(responses), NOT_A_TURN);
    }

    @Override
    public CompletableFuture<Void> sendActivityStart() {
        return handover.submit(ClientFrame::activityStart, NOT_A_TURN);
    }

    @Override
    public CompletableFuture<Void> sendActivityEnd() {
        return handover.submit(ClientFrame::activityEnd, NOT_A_TURN);
    }

    @Override
    public CompletableFuture<Void> sendAudioStreamEnd() {
        return handover.submit(ClientFrame::audioStreamEnd, NOT_A_TURN);
    }

    @Override
    public CompletableFuture<Void> send(ClientMessage message) {
        return handover.submit(() -> ClientFrame.message(message), NOT_A_TURN);
    }

    @Override
    public ResilienceMetrics metrics() {
        return handover.metrics();
    }

    @Override
    public String sessionId() {
        return handover.sessionId();
    }

    @Override
    public Optional<String> resumptionHandle() {
        return handover.resumptionHandle();
    }

    /** True until the session is closed for good (also while it moves to a new connection). */
    @Override
    public boolean isOpen() {
        return handover.isOpen();
    }

    /** Closes for good (1000). The stored handle is kept, so a restarted application can resume. */
    @Override
    public CompletableFuture<Void> closeAsync() {
        return handover.closeAsync();
    }

    @Override
    public String toString() {
        return handover.toString();
    }
}
