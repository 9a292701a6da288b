package io.github.camelgeminilive.emulator.model;

import java.util.List;

import io.github.camelgeminilive.protocol.Content;
import io.github.camelgeminilive.protocol.Part;
import io.github.camelgeminilive.protocol.UsageMetadata;
import io.github.camelgeminilive.protocol.UsageMetadata.ModalityTokenCount;

/**
 * Plausible token counts: about four characters per text token (the usual rule of thumb), 8 tokens for any other
 * part (function calls and responses, blobs) and 25 tokens per second of reply audio (Gemini's documented audio
 * rate). The context window counts the conversation the same way as {@code promptTokenCount}.
 */
final class UsageEstimator {

    static final int AUDIO_TOKENS_PER_SECOND = 25;

    private UsageEstimator() {
    }

    /** Usage of the prompt alone (system instruction and conversation), before any output. */
    static UsageMetadata prompt(Content systemInstruction, List<Content> conversation) {
        int prompt = promptTokens(systemInstruction, conversation);
        return new UsageMetadata(prompt, null, null, null, null, prompt,
                List.of(new ModalityTokenCount("TEXT", prompt)), null);
    }

    /** Usage of a whole turn: the prompt plus a reply of {@code replyText}, spoken for {@code audioSeconds}. */
    static UsageMetadata turn(Content systemInstruction, List<Content> conversation, String replyText, boolean audio,
            double audioSeconds) {
        int prompt = promptTokens(systemInstruction, conversation);
        int response = audio ? (int) Math.ceil(audioSeconds * AUDIO_TOKENS_PER_SECOND) : textTokens(replyText);
        return new UsageMetadata(prompt, null, response, null, null, prompt + response,
                List.of(new ModalityTokenCount("TEXT", prompt)),
                List.of(new ModalityTokenCount(audio ? "AUDIO" : "TEXT", response)));
    }

    static int promptTokens(Content systemInstruction, List<Content> conversation) {
        int tokens = systemInstruction == null ? 0 : contentTokens(systemInstruction);
        for (Content c : conversation) {
            tokens += contentTokens(c);
        }
        return tokens;
    }

    static int contentTokens(Content c) {
        int tokens = 0;
        if (c.parts() != null) {
            for (Part p : c.parts()) {
                tokens += p.text() != null ? textTokens(p.text()) : 8; // calls, responses, blobs: a small fixed cost
            }
        }
        return tokens;
    }

    private static int textTokens(String text) {
        return text == null ? 0 : (text.length() + 3) / 4;
    }
}
