package io.github.camelgeminilive.session;

import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;

import io.github.camelgeminilive.protocol.ClientMessage;
import io.github.camelgeminilive.protocol.Content;
import io.github.camelgeminilive.protocol.FunctionResponse;

/**
 * One open Live API session. Every send returns a future completed when the frame has been written to the socket
 * (or failed with a {@link LiveSessionException}); frames leave in the order the sends were called.
 * The future may complete on a WebSocket I/O thread (a write finished there, or a resilient session wrote a held
 * send on its new connection): chain blocking work with the {@code *Async} methods and an executor of your own.
 * Thread-safe.
 */
public interface LiveSession extends AutoCloseable {

    /** The {@code sessionId} from {@code setupComplete}, or null when the service sent none. */
    String sessionId();

    /** Sends a user text turn the way the model's rules say ({@code clientContent} or {@code realtimeInput.text}). */
    CompletableFuture<Void> sendText(String text);

    /** Sends {@code realtimeInput.text}. */
    CompletableFuture<Void> sendRealtimeText(String text);

    /**
     * Sends {@code realtimeInput.audio}: 16-bit little-endian mono PCM; {@code mimeType} like
     * {@code audio/pcm;rate=16000} (null means that).
     */
    CompletableFuture<Void> sendAudio(byte[] pcm, int offset, int length, String mimeType);

    default CompletableFuture<Void> sendAudio(byte[] pcm, String mimeType) {
        return sendAudio(pcm, 0, pcm.length, mimeType);
    }

    /** Sends one {@code realtimeInput.video} frame ({@code image/jpeg} or {@code image/png}). */
    CompletableFuture<Void> sendVideo(byte[] frame, String mimeType);

    /** Sends {@code clientContent}. */
    CompletableFuture<Void> sendClientContent(List<Content> turns, boolean turnComplete);

    CompletableFuture<Void> sendToolResponse(List<FunctionResponse> responses);

    CompletableFuture<Void> sendActivityStart();

    CompletableFuture<Void> sendActivityEnd();

    CompletableFuture<Void> sendAudioStreamEnd();

    /** Sends any client message (not {@code setup}). */
    CompletableFuture<Void> send(ClientMessage message);

    /** The newest resumable handle from {@code sessionResumptionUpdate}, if any. */
    Optional<String> resumptionHandle();

    boolean isOpen();

    /**
     * What the session went through so far: what its bounds dropped or refused, malformed messages it skipped,
     * and for a {@link ResilientSession} its reconnects (zeros for a plain session).
     */
    ResilienceMetrics metrics();

    /** Closes normally (1000); completes when the close handshake is done. */
    CompletableFuture<Void> closeAsync();

    @Override
    default void close() {
        closeAsync().join();
    }
}
