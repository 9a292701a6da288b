package io.github.camelgeminilive.protocol;

import java.util.List;
import java.util.Map;

/**
 * The first client message of a connection: model and session configuration.
 * <p>
 * The top-level {@code enableAffectiveDialog} follows our protocol reference; Google's SDKs send the flag as
 * {@code generationConfig.enableAffectiveDialog} ({@link GenerationConfig#enableAffectiveDialog()}), so prefer that.
 */
public record Setup(
        String model,
        GenerationConfig generationConfig,
        Content systemInstruction,
        List<Tool> tools,
        RealtimeInputConfig realtimeInputConfig,
        SessionResumptionConfig sessionResumption,
        ContextWindowCompressionConfig contextWindowCompression,
        AudioTranscriptionConfig inputAudioTranscription,
        AudioTranscriptionConfig outputAudioTranscription,
        ProactivityConfig proactivity,
        Boolean enableAffectiveDialog,
        HistoryConfig historyConfig,
        Boolean explicitVadSignal,
        List<SafetySetting> safetySettings,
        Map<String, String> labels) {
    public Setup {
        tools = Immutable.list(tools);
        safetySettings = Immutable.list(safetySettings);
        labels = Immutable.map(labels);
    }

    public static Builder builder(String model) {
        return new Builder(model);
    }

    /** A copy of this setup resuming from {@code handle} (null or blank: a new session, the field omitted). */
    public Setup withResumptionHandle(String handle) {
        Boolean transparent = sessionResumption == null ? null : sessionResumption.transparent();
        String h = handle == null || handle.isBlank() ? null : handle;
        return new Setup(model, generationConfig, systemInstruction, tools, realtimeInputConfig,
                new SessionResumptionConfig(h, transparent), contextWindowCompression, inputAudioTranscription,
                outputAudioTranscription, proactivity, enableAffectiveDialog, historyConfig, explicitVadSignal,
                safetySettings, labels);
    }

    /** {@code sessionResumption}: a handle to resume, absent for a new session. */
    public record SessionResumptionConfig(String handle, Boolean transparent) {
    }

    /** {@code contextWindowCompression}: sliding window triggered at {@code triggerTokens}. */
    public record ContextWindowCompressionConfig(Long triggerTokens, SlidingWindow slidingWindow) {
    }

    public record SlidingWindow(Long targetTokens) {
    }

    /** Present (as {@code {}}) to enable a transcription. */
    public record AudioTranscriptionConfig() {
    }

    public record ProactivityConfig(Boolean proactiveAudio) {
    }

    public record HistoryConfig(Boolean initialHistoryInClientContent) {
    }

    public record SafetySetting(String category, String threshold) {
    }

    /** Builds a {@link Setup}; unset fields are omitted from the wire. */
    public static final class Builder {
        private final String model;
        private GenerationConfig generationConfig;
        private Content systemInstruction;
        private List<Tool> tools;
        private RealtimeInputConfig realtimeInputConfig;
        private SessionResumptionConfig sessionResumption;
        private ContextWindowCompressionConfig contextWindowCompression;
        private AudioTranscriptionConfig inputAudioTranscription;
        private AudioTranscriptionConfig outputAudioTranscription;
        private ProactivityConfig proactivity;
        private Boolean enableAffectiveDialog;
        private HistoryConfig historyConfig;
        private Boolean explicitVadSignal;
        private List<SafetySetting> safetySettings;
        private Map<String, String> labels;

        private Builder(String model) {
            this.model = model;
        }

        public Builder generationConfig(GenerationConfig v) { this.generationConfig = v; return this; }

        public Builder systemInstruction(Content v) { this.systemInstruction = v; return this; }

        public Builder tools(List<Tool> v) { this.tools = v; return this; }

        public Builder realtimeInputConfig(RealtimeInputConfig v) { this.realtimeInputConfig = v; return this; }

        public Builder sessionResumption(SessionResumptionConfig v) { this.sessionResumption = v; return this; }

        public Builder contextWindowCompression(ContextWindowCompressionConfig v) {
            this.contextWindowCompression = v;
            return this;
        }

        public Builder inputAudioTranscription(boolean on) {
            this.inputAudioTranscription = on ? new AudioTranscriptionConfig() : null;
            return this;
        }

        public Builder outputAudioTranscription(boolean on) {
            this.outputAudioTranscription = on ? new AudioTranscriptionConfig() : null;
            return this;
        }

        public Builder proactivity(ProactivityConfig v) { this.proactivity = v; return this; }

        public Builder enableAffectiveDialog(Boolean v) { this.enableAffectiveDialog = v; return this; }

        public Builder historyConfig(HistoryConfig v) { this.historyConfig = v; return this; }

        public Builder explicitVadSignal(Boolean v) { this.explicitVadSignal = v; return this; }

        public Builder safetySettings(List<SafetySetting> v) { this.safetySettings = v; return this; }

        public Builder labels(Map<String, String> v) { this.labels = v; return this; }

        public Setup build() {
            return new Setup(model, generationConfig, systemInstruction, tools, realtimeInputConfig, sessionResumption,
                    contextWindowCompression, inputAudioTranscription, outputAudioTranscription, proactivity,
                    enableAffectiveDialog, historyConfig, explicitVadSignal, safetySettings, labels);
        }
    }
}
