package io.github.camelgeminilive.session.resilience;

import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.concurrent.ScheduledExecutorService;
import java.util.function.Consumer;

import io.github.camelgeminilive.protocol.ClientMessage;
import io.github.camelgeminilive.protocol.Content;
import io.github.camelgeminilive.protocol.FunctionResponse;
import io.github.camelgeminilive.session.LiveSessionListener;
import io.github.camelgeminilive.session.ResilienceMetrics;
import io.github.camelgeminilive.session.ResilienceOptions;
import io.github.camelgeminilive.session.ResilientSession;
import io.github.camelgeminilive.session.SessionOptions;
import io.github.camelgeminilive.session.connection.EncodedFrame;
import io.github.camelgeminilive.session.delivery.SessionCounters;

/**
 * The {@link ResilientSession} the caller holds: encodes and validates each send on the caller's thread and hands
 * it to the {@link SessionPhases} state machine, which writes, holds or replays it across connections.
 */
public final class ResilientLiveSession implements ResilientSession {

    private static final Consumer<ConversationLog> NOT_A_TURN = log -> {};

    private final SessionPhases phases;

    /** @param counters shared with the connections {@code connector} opens */
    public ResilientLiveSession(Connector connector, ScheduledExecutorService scheduler, Executor pool,
            SessionOptions options, ResilienceOptions resilience, LiveSessionListener listener,
            SessionCounters counters) {
        this.phases = new SessionPhases(this, connector, scheduler, pool, options, resilience, listener, counters);
    }

    /** Connects the first time, from the stored handle when there is a usable one. */
    public CompletableFuture<ResilientSession> start() {
        return phases.start();
    }

    public CompletableFuture<Void> endedFuture() {
        return phases.endedFuture();
    }

    @Override
    public CompletableFuture<Void> sendText(String text) {
        return phases.submit(() -> EncodedFrame.text(phases.rules(), text), log -> log.userText(text));
    }

    @Override
    public CompletableFuture<Void> sendRealtimeText(String text) {
        return phases.submit(() -> EncodedFrame.realtimeText(text), log -> log.userText(text));
    }

    @Override
    public CompletableFuture<Void> sendAudio(byte[] pcm, int offset, int length, String mimeType) {
        return phases.submit(() -> EncodedFrame.audio(pcm, offset, length, mimeType), NOT_A_TURN);
    }

    @Override
    public CompletableFuture<Void> sendVideo(byte[] frame, String mimeType) {
        return phases.submit(() -> EncodedFrame.video(frame, mimeType), NOT_A_TURN);
    }

    @Override
    public CompletableFuture<Void> sendClientContent(List<Content> turns, boolean turnComplete) {
        return phases.submit(() -> EncodedFrame.clientContent(turns, turnComplete), log -> log.userTurns(turns));
    }

    @Override
    public CompletableFuture<Void> sendToolResponse(List<FunctionResponse> responses) {
        return phases.submit(() -> EncodedFrame.toolResponse(responses), NOT_A_TURN);
    }

    @Override
    public CompletableFuture<Void> sendActivityStart() {
        return phases.submit(EncodedFrame::activityStart, NOT_A_TURN);
    }

    @Override
    public CompletableFuture<Void> sendActivityEnd() {
        return phases.submit(EncodedFrame::activityEnd, NOT_A_TURN);
    }

    @Override
    public CompletableFuture<Void> sendAudioStreamEnd() {
        return phases.submit(EncodedFrame::audioStreamEnd, NOT_A_TURN);
    }

    @Override
    public CompletableFuture<Void> send(ClientMessage message) {
        return phases.submit(() -> EncodedFrame.message(message), NOT_A_TURN);
    }

    @Override
    public void inputPosition(long position) {
        phases.inputPosition(position);
    }

    @Override
    public ResilienceMetrics metrics() {
        return phases.metrics();
    }

    @Override
    public String sessionId() {
        return phases.sessionId();
    }

    @Override
    public Optional<String> resumptionHandle() {
        return phases.resumptionHandle();
    }

    /** True until the session is closed for good (also while it moves to a new connection). */
    @Override
    public boolean isOpen() {
        return phases.isOpen();
    }

    /** Closes for good (1000). The stored handle is kept, so a restarted application can resume. */
    @Override
    public CompletableFuture<Void> closeAsync() {
        return phases.closeAsync();
    }

    @Override
    public String toString() {
        return phases.toString();
    }
}
