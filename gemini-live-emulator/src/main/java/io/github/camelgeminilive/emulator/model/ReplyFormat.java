package io.github.camelgeminilive.emulator.model;

import java.util.List;

import io.github.camelgeminilive.protocol.GenerationConfig;
import io.github.camelgeminilive.protocol.ModelRules;
import io.github.camelgeminilive.protocol.Setup;

/**
 * How replies of one connection are put on the wire, from its setup and model rules.
 *
 * @param audio                     replies are audio ({@code AUDIO} modality, the default); otherwise text parts
 * @param outputTranscription       {@code outputTranscription} chunks accompany the audio
 * @param inputTranscription        user speech gets an {@code inputTranscription} placeholder
 * @param partsPerServerContent     an audio chunk and its transcription share one {@code serverContent}
 * @param usageBeforeFirstModelTurn an empty usage-only {@code serverContent} opens each reply
 * @param voiceName                 the configured voice, or null
 */
record ReplyFormat(boolean audio, boolean outputTranscription, boolean inputTranscription,
        boolean partsPerServerContent, boolean usageBeforeFirstModelTurn, String voiceName) {

    static ReplyFormat of(Setup setup, ModelRules rules) {
        GenerationConfig gc = setup.generationConfig();
        List<String> modalities = gc == null ? null : gc.responseModalities();
        boolean audio = modalities == null || modalities.isEmpty()
                || modalities.stream().anyMatch("AUDIO"::equalsIgnoreCase);
        String voice = gc == null || gc.speechConfig() == null || gc.speechConfig().voiceConfig() == null
                || gc.speechConfig().voiceConfig().prebuiltVoiceConfig() == null ? null
                        : gc.speechConfig().voiceConfig().prebuiltVoiceConfig().voiceName();
        return new ReplyFormat(audio, audio && setup.outputAudioTranscription() != null,
                setup.inputAudioTranscription() != null, rules.partsPerServerContent(),
                rules.usageBeforeFirstModelTurn(), voice);
    }
}
