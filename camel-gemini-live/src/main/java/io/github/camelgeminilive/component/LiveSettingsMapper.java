package io.github.camelgeminilive.component;

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Executor;

import io.github.camelgeminilive.protocol.Content;
import io.github.camelgeminilive.protocol.FunctionDeclaration;
import io.github.camelgeminilive.protocol.GenerationConfig;
import io.github.camelgeminilive.protocol.LiveJson;
import io.github.camelgeminilive.protocol.ModelRules;
import io.github.camelgeminilive.protocol.ModelRulesTable;
import io.github.camelgeminilive.protocol.RealtimeInputConfig;
import io.github.camelgeminilive.protocol.Setup;
import io.github.camelgeminilive.protocol.Tool;
import io.github.camelgeminilive.session.ReconnectPolicy;
import io.github.camelgeminilive.session.ResilienceOptions;
import io.github.camelgeminilive.session.ResumptionHandleStore;
import io.github.camelgeminilive.session.SessionOptions;

/**
 * The one place where {@link GeminiLiveConfiguration} becomes the client's settings: {@link LiveClientKey}
 * (which {@code LiveClient} to use), {@link SessionOptions} (the {@code setup} of a session) and
 * {@link ResilienceOptions} (how a resilient session survives its connections).
 */
final class LiveSettingsMapper {

    /** Backoff growth and spread are not options: doubling with 20% jitter suits every outage we know of. */
    private static final double BACKOFF_MULTIPLIER = 2.0;
    private static final double BACKOFF_JITTER = 0.2;

    private LiveSettingsMapper() {
    }

    static LiveClientKey clientKey(GeminiLiveConfiguration c) {
        if (c.getApiKey() == null || c.getApiKey().isBlank()) {
            throw new IllegalArgumentException("The gemini-live option apiKey is required (an API key, ephemeral token"
                    + " or access token, depending on the flavour)");
        }
        LiveClientKey key = new LiveClientKey(URI.create(c.getBaseUrl()), c.getFlavour(),
                c.getApiVersion(), c.getApiKey(), Duration.ofMillis(c.getConnectTimeout()),
                c.getTrustStore() == null ? null : Path.of(c.getTrustStore()), c.getTrustStorePassword(),
                c.isAllowPlainText());
        key.toConnectionOptions(); // a bad base URL fails the endpoint now, before anything connects
        return key;
    }

    /** The session settings with the {@code tools} option taken as it is: a bean or inline JSON, not a file. */
    static SessionOptions sessionOptions(GeminiLiveConfiguration c, Executor eventExecutor) {
        return sessionOptions(c, tools(c.getTools()), eventExecutor);
    }

    /** The session settings with {@code tools} as the endpoint resolved them ({@link ToolDeclarations}). */
    static SessionOptions sessionOptions(GeminiLiveConfiguration c, List<Tool> tools, Executor eventExecutor) {
        Setup.Builder setup = Setup.builder(c.getModel())
                .generationConfig(GenerationConfig.of(List.of(c.getResponseModalities()),
                        c.getVoiceName() == null ? null : GenerationConfig.SpeechConfig.voice(c.getVoiceName())))
                .inputAudioTranscription(c.isInputTranscription())
                .outputAudioTranscription(c.isOutputTranscription());
        if (c.getSystemInstruction() != null) {
            setup.systemInstruction(Content.text(c.getSystemInstruction()));
        }
        if (c.isSessionResumption()) {
            setup.sessionResumption(new Setup.SessionResumptionConfig(null,
                    c.isTransparentResumption() ? Boolean.TRUE : null));
        }
        if (c.getContextWindowCompressionTargetTokens() != null
                || c.getContextWindowCompressionTriggerTokens() != null) {
            setup.contextWindowCompression(new Setup.ContextWindowCompressionConfig(
                    c.getContextWindowCompressionTriggerTokens(),
                    new Setup.SlidingWindow(c.getContextWindowCompressionTargetTokens())));
        }
        if (!c.isAutomaticActivityDetection() || c.getSilenceDurationMs() != null) {
            setup.realtimeInputConfig(new RealtimeInputConfig(new RealtimeInputConfig.AutomaticActivityDetection(
                    c.isAutomaticActivityDetection() ? null : Boolean.TRUE, null, null, null, c.getSilenceDurationMs()),
                    null, null));
        }
        if (c.isExplicitVadSignal()) {
            setup.explicitVadSignal(Boolean.TRUE);
        }
        if (!tools.isEmpty()) {
            setup.tools(tools);
        }
        ModelRules rules = ModelRulesTable.defaults().forModel(c.getModel());
        if (c.getTextTurnMode() != null) {
            rules = rules.withTextTurn(c.getTextTurnMode());
        }
        return new SessionOptions(setup.build(), rules, eventExecutor, null, c.getMaxQueuedEvents(),
                c.getMaxQueuedEventBytes());
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
