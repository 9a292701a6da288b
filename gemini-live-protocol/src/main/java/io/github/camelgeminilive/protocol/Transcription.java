package io.github.camelgeminilive.protocol;

import java.util.List;
import java.util.Map;

/** A transcription chunk of input or output audio. */
public record Transcription(String text, Boolean finished, String languageCode, String speakerLabel,
        List<Map<String, Object>> words) {
    public Transcription {
        words = Immutable.list(words);
    }

    public static Transcription of(String text) {
        return new Transcription(text, null, null, null, null);
    }
}
