package io.github.camelgeminilive.emulator.sdk;

import java.io.ByteArrayOutputStream;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.function.Consumer;

import com.google.genai.types.Blob;
import com.google.genai.types.LiveServerContent;
import com.google.genai.types.LiveServerMessage;
import com.google.genai.types.Part;
import com.google.genai.types.Transcription;

/**
 * Collects one model turn from the SDK's receive callback. The SDK calls it on its single OkHttp reader thread;
 * the test thread reads the result only through the returned future, which publishes it safely.
 */
final class SdkTurnCollector implements Consumer<LiveServerMessage> {

    private final ByteArrayOutputStream audio = new ByteArrayOutputStream();
    private final Set<String> audioMimeTypes = new LinkedHashSet<>();
    private final StringBuilder inputTranscript = new StringBuilder();
    private final StringBuilder transcript = new StringBuilder();
    private final CompletableFuture<SdkTurn> turn = new CompletableFuture<>();
    private int audioChunks;
    private boolean generationComplete;
    private boolean turnComplete;
    private Integer totalTokenCount;

    @Override
    public void accept(LiveServerMessage message) {
        message.usageMetadata().ifPresent(usage -> totalTokenCount = usage.totalTokenCount().orElse(0));
        message.serverContent().ifPresent(this::onServerContent);
        // usageMetadata may ride on the turnComplete message or follow it
        if (turnComplete && totalTokenCount != null) {
            turn.complete(new SdkTurn(inputTranscript.toString(), audio.toByteArray(), audioChunks,
                    new ArrayList<>(audioMimeTypes), transcript.toString(), generationComplete, totalTokenCount));
        }
    }

    /** Completes once {@code turnComplete} and the turn's {@code usageMetadata} have both arrived. */
    CompletableFuture<SdkTurn> completedTurn() {
        return turn;
    }

    private void onServerContent(LiveServerContent content) {
        content.modelTurn().flatMap(c -> c.parts()).orElse(List.of()).forEach(this::onPart);
        content.inputTranscription().flatMap(Transcription::text).ifPresent(inputTranscript::append);
        content.outputTranscription().flatMap(Transcription::text).ifPresent(transcript::append);
        generationComplete |= content.generationComplete().orElse(false);
        turnComplete |= content.turnComplete().orElse(false);
        if (content.interrupted().orElse(false)) {
            turn.completeExceptionally(new AssertionError("turn was interrupted"));
        }
    }

    private void onPart(Part part) {
        part.inlineData().ifPresent(this::onAudio);
    }

    private void onAudio(Blob blob) {
        audioChunks++;
        blob.mimeType().ifPresent(audioMimeTypes::add);
        blob.data().ifPresent(audio::writeBytes);
    }
}
