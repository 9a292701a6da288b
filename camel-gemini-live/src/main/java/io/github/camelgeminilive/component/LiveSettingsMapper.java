package io.github.camelgeminilive.component;

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Executor;
import java.util.function.Supplier;

import io.github.camelgeminilive.protocol.Content;
import io.github.camelgeminilive.protocol.FunctionDeclaration;
import io.github.camelgeminilive.protocol.GenerationConfig;
import io.github.camelgeminilive.protocol.LiveJson;
import io.github.camelgeminilive.protocol.ModelRules;
import io.github.camelgeminilive.protocol.RealtimeInputConfig;
import io.github.camelgeminilive.protocol.Setup;
import io.github.camelgeminilive.protocol.Tool;
import io.github.camelgeminilive.session.ReconnectPolicy;
import io.github.camelgeminilive.session.ResilienceOptions;
import io.github.camelgeminilive.session.ResumptionHandleStore;
import io.github.camelgeminilive.session.SessionOptions;
import io.github.camelgeminilive.transport.ConnectionOptions;

/**
 * The one place where {@link GeminiLiveConfiguration} becomes the client's settings: {@link LiveClientKey}
 * (which {@code LiveClient} to use), {@link SessionOptions} (the {@code setup} of a session) and
 * {@link ResilienceOptions} (how a resilient session survives its connections).
 */
final class LiveSettingsMapper {

    /** Backoff growth and spread are not options: doubling with 20% jitter suits every outage we know of. */
    private static final double BACKOFF_MULTIPLIER = 2.0;
    private static final double BACKOFF_JITTER = 0.2;
    /** The largest thinking budget of any 2.5 model. */
    private static final int MAX_THINKING_BUDGET = 32_768;
    /** A minute: longer padding or silence than that is a mistake, not a setting. */
    private static final int MAX_SPEECH_MS = 60_000;
    private static final RealtimeInputConfig.AutomaticActivityDetection EMPTY_DETECTION =
            new RealtimeInputConfig.AutomaticActivityDetection(null, null, null, null, null);

    private LiveSettingsMapper() {
    }

    static LiveClientKey clientKey(GeminiLiveConfiguration c) {
        Supplier<String> supplier = c.getCredentialsSupplier();
        if (supplier == null && (c.getApiKey() == null || c.getApiKey().isBlank())) {
            throw new IllegalArgumentException("The gemini-live option apiKey is required (an API key, ephemeral token"
                    + " or access token, depending on the flavour), or a credentialsSupplier bean");
        }
        LiveClientKey key = new LiveClientKey(URI.create(baseUrl(c)), c.getFlavour(), c.getApiVersion(),
                supplier == null ? c.getApiKey() : null, supplier, Duration.ofMillis(c.getConnectTimeout()),
                c.getTrustStore() == null ? null : Path.of(c.getTrustStore()), c.getTrustStorePassword(),
                c.isAllowPlainText());
        key.toConnectionOptions(); // a bad base URL fails the endpoint now, before anything connects
        return key;
    }

    /** The base URL; for Vertex AI with the default one, the regional endpoint of {@code vertexLocation}. */
    private static String baseUrl(GeminiLiveConfiguration c) {
        if (c.getFlavour() != ConnectionOptions.Flavour.VERTEX_AI || c.getVertexLocation() == null
                || !GeminiLiveConfiguration.DEFAULT_BASE_URL.equals(c.getBaseUrl())) {
            return c.getBaseUrl();
        }
        String location = OptionChecks.matching("vertexLocation", c.getVertexLocation(), OptionChecks.LOCATION);
        return location.equals("global") ? "wss://aiplatform.googleapis.com"
                : "wss://" + location + "-aiplatform.googleapis.com";
    }

    /** The session settings with the {@code tools} option taken as it is: a bean or inline JSON, not a file. */
    static SessionOptions sessionOptions(GeminiLiveConfiguration c, Executor eventExecutor) {
        return sessionOptions(c, tools(c.getTools()), eventExecutor);
    }

    /** The session settings with {@code tools} as the endpoint resolved them ({@link ToolDeclarations}). */
    static SessionOptions sessionOptions(GeminiLiveConfiguration c, List<Tool> tools, Executor eventExecutor) {
        Setup setup = setup(c, tools);
        ModelRules rules = ModelRulesOverrides.table(c.getModelRules()).forModel(setup.model());
        if (c.getTextTurnMode() != null) {
            rules = rules.withTextTurn(c.getTextTurnMode());
        }
        return new SessionOptions(setup, rules, eventExecutor, null, c.getMaxQueuedEvents(),
                c.getMaxQueuedEventBytes());
    }

    /**
     * The session's setup: the {@code setup} bean, if any, refined by every option that is set; model,
     * responseModalities, the transcription and the resumption flags always come from the options. Every value is
     * checked here, so a malformed one fails the endpoint, not the first connect.
     */
    static Setup setup(GeminiLiveConfiguration c) {
        return setup(c, tools(c.getTools()));
    }

    /** {@link #setup(GeminiLiveConfiguration)} with the function declarations the endpoint resolved. */
    static Setup setup(GeminiLiveConfiguration c, List<Tool> tools) {
        Setup base = c.getSetup() != null ? c.getSetup() : Setup.builder(null).build();
        String model = OptionChecks.model(c);
        if (base.model() != null && !base.model().equals(model) && !base.model().equals(c.getModel())) {
            throw new IllegalArgumentException("The gemini-live setup bean names model '" + base.model()
                    + "' but the option model is '" + c.getModel() + "': set the model with the model option");
        }
        return new Setup(model, generationConfig(c, base.generationConfig()),
                c.getSystemInstruction() == null ? base.systemInstruction()
                        : Content.text(OptionChecks.notBlank("systemInstruction", c.getSystemInstruction())),
                withBuiltInTools(c, tools.isEmpty() ? base.tools() : tools),
                realtimeInputConfig(c, base.realtimeInputConfig()),
                c.isSessionResumption()
                        ? new Setup.SessionResumptionConfig(null, c.isTransparentResumption() ? Boolean.TRUE : null)
                        : null,
                contextWindowCompression(c, base.contextWindowCompression()),
                c.isInputTranscription() ? new Setup.AudioTranscriptionConfig() : null,
                c.isOutputTranscription() ? new Setup.AudioTranscriptionConfig() : null,
                c.getProactiveAudio() == null ? base.proactivity() : new Setup.ProactivityConfig(c.getProactiveAudio()),
                base.enableAffectiveDialog(),
                c.isInitialHistoryInClientContent() ? new Setup.HistoryConfig(Boolean.TRUE) : base.historyConfig(),
                c.isExplicitVadSignal() ? Boolean.TRUE : base.explicitVadSignal(),
                base.safetySettings(), base.labels());
    }

    private static GenerationConfig generationConfig(GeminiLiveConfiguration c, GenerationConfig base) {
        GenerationConfig b = base != null ? base : GenerationConfig.of(null, null);
        String modality = OptionChecks.oneOf("responseModalities", c.getResponseModalities(), "AUDIO", "TEXT");
        return new GenerationConfig(List.of(modality), speechConfig(c, b.speechConfig()),
                or(OptionChecks.range("temperature", c.getTemperature(), 0, 2), b.temperature()),
                or(OptionChecks.range("topP", c.getTopP(), 0, 1), b.topP()),
                or(OptionChecks.range("topK", c.getTopK(), 1, Integer.MAX_VALUE), b.topK()),
                or(OptionChecks.range("maxOutputTokens", c.getMaxOutputTokens(), 1, Integer.MAX_VALUE),
                        b.maxOutputTokens()),
                or(OptionChecks.range("candidateCount", c.getCandidateCount(), 1, Integer.MAX_VALUE),
                        b.candidateCount()),
                or(OptionChecks.range("presencePenalty", c.getPresencePenalty(), -2, 2), b.presencePenalty()),
                or(OptionChecks.range("frequencyPenalty", c.getFrequencyPenalty(), -2, 2), b.frequencyPenalty()),
                or(OptionChecks.oneOf("mediaResolution", c.getMediaResolution(), "MEDIA_RESOLUTION_LOW",
                        "MEDIA_RESOLUTION_MEDIUM", "MEDIA_RESOLUTION_HIGH"), b.mediaResolution()),
                thinkingConfig(c, b.thinkingConfig()),
                or(c.getAffectiveDialog(), b.enableAffectiveDialog()));
    }

    private static GenerationConfig.SpeechConfig speechConfig(GeminiLiveConfiguration c,
            GenerationConfig.SpeechConfig base) {
        String voice = OptionChecks.matching("voiceName", c.getVoiceName(), OptionChecks.VOICE);
        String language = OptionChecks.matching("languageCode", c.getLanguageCode(), OptionChecks.LANGUAGE);
        if (voice == null && language == null) {
            return base;
        }
        GenerationConfig.VoiceConfig voiceConfig = voice != null
                ? new GenerationConfig.VoiceConfig(new GenerationConfig.PrebuiltVoiceConfig(voice))
                : base == null ? null : base.voiceConfig();
        return new GenerationConfig.SpeechConfig(voiceConfig,
                or(language, base == null ? null : base.languageCode()));
    }

    private static GenerationConfig.ThinkingConfig thinkingConfig(GeminiLiveConfiguration c,
            GenerationConfig.ThinkingConfig base) {
        Integer budget = OptionChecks.range("thinkingBudget", c.getThinkingBudget(), -1, MAX_THINKING_BUDGET);
        String level = OptionChecks.oneOf("thinkingLevel", c.getThinkingLevel(), "minimal", "low", "medium", "high");
        if (budget == null && level == null && c.getIncludeThoughts() == null) {
            return base;
        }
        GenerationConfig.ThinkingConfig b = base != null ? base : new GenerationConfig.ThinkingConfig(null, null, null);
        return new GenerationConfig.ThinkingConfig(or(budget, b.thinkingBudget()),
                or(c.getIncludeThoughts(), b.includeThoughts()), or(level, b.thinkingLevel()));
    }

    private static RealtimeInputConfig realtimeInputConfig(GeminiLiveConfiguration c, RealtimeInputConfig base) {
        RealtimeInputConfig b = base != null ? base : new RealtimeInputConfig(null, null, null);
        RealtimeInputConfig.AutomaticActivityDetection d = b.automaticActivityDetection() != null
                ? b.automaticActivityDetection()
                : EMPTY_DETECTION;
        RealtimeInputConfig.AutomaticActivityDetection detection = new RealtimeInputConfig.AutomaticActivityDetection(
                c.isAutomaticActivityDetection() ? d.disabled() : Boolean.TRUE,
                or(OptionChecks.oneOf("startOfSpeechSensitivity", c.getStartOfSpeechSensitivity(),
                        "START_SENSITIVITY_HIGH", "START_SENSITIVITY_LOW"), d.startOfSpeechSensitivity()),
                or(OptionChecks.oneOf("endOfSpeechSensitivity", c.getEndOfSpeechSensitivity(), "END_SENSITIVITY_HIGH",
                        "END_SENSITIVITY_LOW"), d.endOfSpeechSensitivity()),
                or(OptionChecks.range("prefixPaddingMs", c.getPrefixPaddingMs(), 0, MAX_SPEECH_MS),
                        d.prefixPaddingMs()),
                or(OptionChecks.range("silenceDurationMs", c.getSilenceDurationMs(), 0, MAX_SPEECH_MS),
                        d.silenceDurationMs()));
        RealtimeInputConfig config = new RealtimeInputConfig(
                detection.equals(EMPTY_DETECTION) ? null : detection,
                or(OptionChecks.oneOf("activityHandling", c.getActivityHandling(), "START_OF_ACTIVITY_INTERRUPTS",
                        "NO_INTERRUPTION"), b.activityHandling()),
                or(OptionChecks.oneOf("turnCoverage", c.getTurnCoverage(), "TURN_INCLUDES_ONLY_ACTIVITY",
                        "TURN_INCLUDES_ALL_INPUT", "TURN_INCLUDES_AUDIO_ACTIVITY_AND_ALL_VIDEO"), b.turnCoverage()));
        return config.equals(new RealtimeInputConfig(null, null, null)) ? null : config;
    }

    private static Setup.ContextWindowCompressionConfig contextWindowCompression(GeminiLiveConfiguration c,
            Setup.ContextWindowCompressionConfig base) {
        Long target = OptionChecks.range("contextWindowCompressionTargetTokens",
                c.getContextWindowCompressionTargetTokens(), 1, Long.MAX_VALUE);
        Long trigger = OptionChecks.range("contextWindowCompressionTriggerTokens",
                c.getContextWindowCompressionTriggerTokens(), 1, Long.MAX_VALUE);
        if (target == null && trigger == null) {
            return base;
        }
        if (target != null && trigger != null && target >= trigger) {
            throw new IllegalArgumentException("The gemini-live option contextWindowCompressionTargetTokens ("
                    + target + ") must be below contextWindowCompressionTriggerTokens (" + trigger + ")");
        }
        return new Setup.ContextWindowCompressionConfig(trigger, new Setup.SlidingWindow(target));
    }

    /** {@code tools} plus the googleSearch and codeExecution tools when their options ask and they are missing. */
    private static List<Tool> withBuiltInTools(GeminiLiveConfiguration c, List<Tool> tools) {
        List<Tool> all = new ArrayList<>(tools == null ? List.of() : tools);
        if (c.isGoogleSearch() && all.stream().noneMatch(t -> t.googleSearch() != null)) {
            all.add(Tool.ofGoogleSearch());
        }
        if (c.isCodeExecution() && all.stream().noneMatch(t -> t.codeExecution() != null)) {
            all.add(Tool.ofCodeExecution());
        }
        return all.isEmpty() ? null : List.copyOf(all);
    }

    private static <T> T or(T option, T base) {
        return option != null ? option : base;
    }

    /** The reconnect backoff of the endpoint's options (also what a consumer waits between first-connect tries). */
    static ReconnectPolicy reconnectPolicy(GeminiLiveConfiguration c) {
        return new ReconnectPolicy(Duration.ofMillis(c.getReconnectInitialDelay()),
                Duration.ofMillis(c.getReconnectMaxDelay()), BACKOFF_MULTIPLIER, BACKOFF_JITTER,
                c.getReconnectMaxAttempts(), optional(c.getReconnectMaxElapsed()));
    }

    /**
     * The resilience settings of the session {@code key}: its handle is kept in {@code store} under that key.
     * Durations of 0 mean "none" (no pings, no proactive move, no outage limit).
     */
    static ResilienceOptions resilienceOptions(GeminiLiveConfiguration c, ResumptionHandleStore store, String key) {
        ReconnectPolicy reconnect = reconnectPolicy(c);
        Duration pingInterval = optional(c.getPingInterval());
        return new ResilienceOptions(reconnect, c.getReplayBufferBytes(),
                Duration.ofMillis(c.getReplayBufferDuration()),
                c.getHeldSendLimit(), c.getHeldSendBytes(), c.getHeldSendOverflow(), pingInterval,
                pingInterval == null ? null : Duration.ofMillis(c.getPingTimeout()),
                Duration.ofMillis(c.getGoAwayMargin()),
                optional(c.getMaxConnectionAge()), c.isTransparentResumption(), optional(c.getCoverageLag()),
                c.isSeedFreshSession(), store, key);
    }

    private static Duration optional(long millis) {
        return millis <= 0 ? null : Duration.ofMillis(millis);
    }

    /**
     * A bean (List of Tool or FunctionDeclaration, one Tool, {@link GeminiLiveTools}) or a JSON array of
     * functionDeclarations.
     */
    static List<Tool> tools(Object option) {
        if (option == null) {
            return List.of();
        }
        if (option instanceof Tool tool) {
            return List.of(tool);
        }
        if (option instanceof GeminiLiveTools dsl) {
            return tools(dsl.bindings().stream().map(GeminiLiveTools.Binding::declaration).toList());
        }
        if (option instanceof String json) {
            return json.isBlank() ? List.of() : List.of(Tool.ofFunctions(ToolDeclarations.parse(
                    LiveJson.get().mapper(), json, "The gemini-live option tools is not a JSON array of"
                            + " functionDeclarations")));
        }
        if (option instanceof List<?> list) {
            List<Tool> tools = new ArrayList<>();
            List<FunctionDeclaration> declarations = new ArrayList<>();
            for (Object o : list) {
                if (o instanceof Tool t) {
                    tools.add(t);
                } else if (o instanceof FunctionDeclaration d) {
                    declarations.add(d);
                } else {
                    throw new IllegalArgumentException(toolsError(o));
                }
            }
            if (!declarations.isEmpty()) {
                tools.add(Tool.ofFunctions(declarations));
            }
            return List.copyOf(tools);
        }
        throw new IllegalArgumentException(toolsError(option));
    }

    private static String toolsError(Object value) {
        return "The gemini-live option tools must be a List of io.github.camelgeminilive.protocol.Tool or"
                + " FunctionDeclaration, a Tool, GeminiLiveTools, a JSON array of functionDeclarations or the location"
                + " of a JSON or YAML file of them, not "
                + (value == null ? "null" : value.getClass().getName());
    }
}
