package io.github.camelgeminilive.protocol;

import java.util.Map;

/** Incremental model output and turn state; several fields may be set in one message. */
public record ServerContent(
        Content modelTurn,
        Boolean turnComplete,
        Boolean generationComplete,
        Boolean interrupted,
        Transcription inputTranscription,
        Transcription interimInputTranscription,
        Transcription outputTranscription,
        Map<String, Object> groundingMetadata,
        String turnCompleteReason,
        Boolean waitingForInput) {
    public ServerContent {
        groundingMetadata = Immutable.map(groundingMetadata);
    }

    public static ServerContent ofModelTurn(Content modelTurn) {
        return new ServerContent(modelTurn, null, null, null, null, null, null, null, null, null);
    }

    public static ServerContent ofTurnComplete() {
        return new ServerContent(null, true, null, null, null, null, null, null, null, null);
    }

    public static ServerContent ofGenerationComplete() {
        return new ServerContent(null, null, true, null, null, null, null, null, null, null);
    }

    public static ServerContent ofInterrupted() {
        return new ServerContent(null, null, null, true, null, null, null, null, null, null);
    }

    public static ServerContent ofInputTranscription(Transcription t) {
        return new ServerContent(null, null, null, null, t, null, null, null, null, null);
    }

    public static ServerContent ofOutputTranscription(Transcription t) {
        return new ServerContent(null, null, null, null, null, null, t, null, null, null);
    }

    /** An empty content; sent by some models with only {@code usageMetadata} beside it. */
    public static ServerContent empty() {
        return new ServerContent(null, null, null, null, null, null, null, null, null, null);
    }

    public boolean isTurnComplete() {
        return Boolean.TRUE.equals(turnComplete);
    }

    public boolean isGenerationComplete() {
        return Boolean.TRUE.equals(generationComplete);
    }

    public boolean isInterrupted() {
        return Boolean.TRUE.equals(interrupted);
    }
}
