package io.github.camelgeminilive.protocol;

import java.util.List;

/**
 * Generation settings of a session ({@code setup.generationConfig}). {@code enableAffectiveDialog} (v1alpha,
 * native-audio models) belongs here: Google's SDKs send {@code setup.generationConfig.enableAffectiveDialog}.
 */
public record GenerationConfig(
        List<String> responseModalities,
        SpeechConfig speechConfig,
        Double temperature,
        Double topP,
        Integer topK,
        Integer maxOutputTokens,
        Integer candidateCount,
        Double presencePenalty,
        Double frequencyPenalty,
        String mediaResolution,
        ThinkingConfig thinkingConfig,
        Boolean enableAffectiveDialog) {
    public GenerationConfig {
        responseModalities = Immutable.list(responseModalities);
    }

    /** Without {@code enableAffectiveDialog}. */
    public GenerationConfig(List<String> responseModalities, SpeechConfig speechConfig, Double temperature,
            Double topP, Integer topK, Integer maxOutputTokens, Integer candidateCount, Double presencePenalty,
            Double frequencyPenalty, String mediaResolution, ThinkingConfig thinkingConfig) {
        this(responseModalities, speechConfig, temperature, topP, topK, maxOutputTokens, candidateCount,
                presencePenalty, frequencyPenalty, mediaResolution, thinkingConfig, null);
    }

    public static GenerationConfig of(List<String> responseModalities, SpeechConfig speechConfig) {
        return new GenerationConfig(responseModalities, speechConfig, null, null, null, null, null, null, null, null,
                null, null);
    }

    /** The speech settings and their nested voice types. */
    public record SpeechConfig(VoiceConfig voiceConfig, String languageCode) {

        public static SpeechConfig voice(String voiceName) {
            return new SpeechConfig(new VoiceConfig(new PrebuiltVoiceConfig(voiceName)), null);
        }
    }

    public record VoiceConfig(PrebuiltVoiceConfig prebuiltVoiceConfig) {
    }

    public record PrebuiltVoiceConfig(String voiceName) {
    }

    /** {@code thinkingBudget} for 2.5 models, {@code thinkingLevel} for 3.x models. */
    public record ThinkingConfig(Integer thinkingBudget, Boolean includeThoughts, String thinkingLevel) {
    }
}
