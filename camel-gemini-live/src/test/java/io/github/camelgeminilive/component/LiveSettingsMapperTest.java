package io.github.camelgeminilive.component;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import java.util.function.Supplier;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import io.github.camelgeminilive.protocol.ClientMessage;
import io.github.camelgeminilive.protocol.Content;
import io.github.camelgeminilive.protocol.FunctionDeclaration;
import io.github.camelgeminilive.protocol.GenerationConfig;
import io.github.camelgeminilive.protocol.LiveJson;
import io.github.camelgeminilive.protocol.ModelRules;
import io.github.camelgeminilive.protocol.ModelRulesTable;
import io.github.camelgeminilive.protocol.RealtimeInputConfig;
import io.github.camelgeminilive.protocol.Setup;
import io.github.camelgeminilive.protocol.Tool;
import io.github.camelgeminilive.session.InMemoryResumptionHandleStore;
import io.github.camelgeminilive.session.OverflowPolicy;
import io.github.camelgeminilive.session.ReconnectPolicy;
import io.github.camelgeminilive.session.ResilienceOptions;
import io.github.camelgeminilive.session.ResumptionHandleStore;
import io.github.camelgeminilive.session.SessionOptions;
import io.github.camelgeminilive.transport.ConnectionOptions;

/** The one mapping from endpoint options to the client's setup and connection settings. */
class LiveSettingsMapperTest {

    @Test
    void defaultsGiveANativeAudioSetupWithTranscriptionAndResumption() {
        SessionOptions options = LiveSettingsMapper.sessionOptions(new GeminiLiveConfiguration(), Runnable::run);

        Setup setup = options.setup();
        assertThat(setup.model()).isEqualTo("models/gemini-2.5-flash-native-audio-latest");
        assertThat(setup.generationConfig().responseModalities()).containsExactly("AUDIO");
        assertThat(setup.inputAudioTranscription()).isNotNull();
        assertThat(setup.outputAudioTranscription()).isNotNull();
        assertThat(setup.sessionResumption()).isNotNull();
        assertThat(setup.sessionResumption().handle()).isNull();
        assertThat(setup.realtimeInputConfig()).isNull();
        assertThat(setup.tools()).isNull();
        assertThat(setup.explicitVadSignal()).isNull();
        assertThat(options.rules().textTurn()).isEqualTo(ModelRules.TextTurn.CLIENT_CONTENT);
        assertThat(LiveJson.get().write(ClientMessage.of(setup)))
                .contains("\"inputAudioTranscription\":{}").doesNotContain("\"handle\"");
    }

    @Test
    void everyOptionReachesTheSetup() {
        GeminiLiveConfiguration c = new GeminiLiveConfiguration();
        c.setModel("models/gemini-3.1-flash-live-preview");
        c.setVoiceName("Kore");
        c.setSystemInstruction("Be brief.");
        c.setInputTranscription(false);
        c.setOutputTranscription(false);
        c.setTransparentResumption(true);
        c.setContextWindowCompressionTargetTokens(8000L);
        c.setContextWindowCompressionTriggerTokens(16000L);
        c.setAutomaticActivityDetection(false);
        c.setSilenceDurationMs(300);
        c.setTextTurnMode(ModelRules.TextTurn.CLIENT_CONTENT);
        c.setExplicitVadSignal(true);

        SessionOptions options = LiveSettingsMapper.sessionOptions(c, Runnable::run);

        Setup setup = options.setup();
        assertThat(setup.generationConfig().speechConfig().voiceConfig().prebuiltVoiceConfig().voiceName())
                .isEqualTo("Kore");
        assertThat(setup.systemInstruction().parts().get(0).text()).isEqualTo("Be brief.");
        assertThat(setup.inputAudioTranscription()).isNull();
        assertThat(setup.outputAudioTranscription()).isNull();
        assertThat(setup.sessionResumption().transparent()).isTrue();
        assertThat(setup.contextWindowCompression().triggerTokens()).isEqualTo(16000L);
        assertThat(setup.contextWindowCompression().slidingWindow().targetTokens()).isEqualTo(8000L);
        assertThat(setup.realtimeInputConfig().automaticActivityDetection().disabled()).isTrue();
        assertThat(setup.realtimeInputConfig().automaticActivityDetection().silenceDurationMs()).isEqualTo(300);
        assertThat(setup.explicitVadSignal()).isTrue();
        // the 3.1 family sends text as realtimeInput.text unless overridden
        assertThat(options.rules().family()).isEqualTo("3.1-flash-live");
        assertThat(options.rules().textTurn()).isEqualTo(ModelRules.TextTurn.CLIENT_CONTENT);
    }

    @Test
    void sessionResumptionCanBeSwitchedOff() {
        GeminiLiveConfiguration c = new GeminiLiveConfiguration();
        c.setSessionResumption(false);

        assertThat(LiveSettingsMapper.sessionOptions(c, Runnable::run).setup().sessionResumption()).isNull();
    }

    @Test
    void theClientKeyCarriesTheCredentialButNeverPrintsIt() {
        GeminiLiveConfiguration c = new GeminiLiveConfiguration();
        c.setApiKey("AIza-do-not-print");
        c.setConnectTimeout(2500);
        c.setFlavour(ConnectionOptions.Flavour.EPHEMERAL_TOKEN);
        c.setApiVersion("v1alpha");

        LiveClientKey key = LiveSettingsMapper.clientKey(c);

        assertThat(key.toString()).doesNotContain("AIza-do-not-print");
        ConnectionOptions options = key.toConnectionOptions();
        assertThat(options.credentials().get()).isEqualTo("AIza-do-not-print");
        assertThat(options.connectTimeout()).isEqualTo(Duration.ofMillis(2500));
        assertThat(options.flavour()).isEqualTo(ConnectionOptions.Flavour.EPHEMERAL_TOKEN);
        assertThat(options.apiVersion()).isEqualTo("v1alpha");
        assertThat(options.baseUrl()).isEqualTo(ConnectionOptions.GEMINI_API);
        assertThat(LiveSettingsMapper.clientKey(c)).isEqualTo(key);
    }

    @Test
    void missingApiKeyIsAClearError() {
        assertThatThrownBy(() -> LiveSettingsMapper.clientKey(new GeminiLiveConfiguration()))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("apiKey is required");
    }

    @Test
    void optionsThatAreSetRefineTheSetupBean() {
        GeminiLiveConfiguration c = new GeminiLiveConfiguration();
        c.setSetup(Setup.builder(null)
                .systemInstruction(Content.text("From the bean."))
                .generationConfig(new GenerationConfig(List.of("TEXT"),
                        new GenerationConfig.SpeechConfig(null, "en-US"), 0.1, null, null, null, null, null, null,
                        null, new GenerationConfig.ThinkingConfig(512, null, null), true))
                .realtimeInputConfig(new RealtimeInputConfig(new RealtimeInputConfig.AutomaticActivityDetection(null,
                        "START_SENSITIVITY_HIGH", null, null, null), null, null))
                .safetySettings(List.of(new Setup.SafetySetting("HARM_CATEGORY_HATE_SPEECH", "BLOCK_NONE")))
                .build());
        c.setVoiceName("Kore");
        c.setIncludeThoughts(true);
        c.setAutomaticActivityDetection(false);

        Setup setup = LiveSettingsMapper.setup(c);

        assertThat(setup.model()).isEqualTo(GeminiLiveConfiguration.DEFAULT_MODEL);
        assertThat(setup.systemInstruction()).isEqualTo(Content.text("From the bean."));
        GenerationConfig g = setup.generationConfig();
        assertThat(g.responseModalities()).containsExactly("AUDIO"); // always the option's
        assertThat(g.speechConfig().voiceConfig().prebuiltVoiceConfig().voiceName()).isEqualTo("Kore");
        assertThat(g.speechConfig().languageCode()).isEqualTo("en-US");
        assertThat(g.temperature()).isEqualTo(0.1);
        assertThat(g.thinkingConfig()).isEqualTo(new GenerationConfig.ThinkingConfig(512, true, null));
        assertThat(g.enableAffectiveDialog()).isTrue();
        assertThat(setup.realtimeInputConfig().automaticActivityDetection()).isEqualTo(
                new RealtimeInputConfig.AutomaticActivityDetection(true, "START_SENSITIVITY_HIGH", null, null, null));
        assertThat(setup.safetySettings()).hasSize(1);

        c.setSetup(Setup.builder("models/gemini-3.1-flash-live-preview").build());
        assertThatThrownBy(() -> LiveSettingsMapper.setup(c)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("gemini-3.1-flash-live-preview").hasMessageContaining("model option");
    }

    @Test
    void aBareModelNameGetsTheModelsPrefix() {
        GeminiLiveConfiguration c = new GeminiLiveConfiguration();
        c.setModel("gemini-3.1-flash-live-preview");

        assertThat(LiveSettingsMapper.setup(c).model()).isEqualTo("models/gemini-3.1-flash-live-preview");
    }

    static Stream<Arguments> malformedOptions() {
        return Stream.of(
                bad(c -> c.setModel(""), "The gemini-live option model is required"),
                bad(c -> c.setModel("models/gemini 2.5"), "option model is malformed: 'models/gemini 2.5'"),
                bad(c -> c.setResponseModalities("VIDEO"), "responseModalities must be one of AUDIO, TEXT"),
                bad(c -> c.setTemperature(2.5), "temperature must be from 0 to 2, not 2.5"),
                bad(c -> c.setTopP(-0.1), "topP must be from 0 to 1"),
                bad(c -> c.setTopK(0), "topK must be at least 1, not 0"),
                bad(c -> c.setMaxOutputTokens(0), "maxOutputTokens must be at least 1"),
                bad(c -> c.setPresencePenalty(3.0), "presencePenalty must be from -2 to 2"),
                bad(c -> c.setThinkingBudget(-2), "thinkingBudget must be from -1 to 32768"),
                bad(c -> c.setThinkingLevel("max"), "thinkingLevel must be one of minimal, low, medium, high"),
                bad(c -> c.setMediaResolution("4K"), "mediaResolution must be one of MEDIA_RESOLUTION_LOW"),
                bad(c -> c.setVoiceName(" "), "voiceName is empty"),
                bad(c -> c.setLanguageCode("english please"), "languageCode is malformed"),
                bad(c -> c.setSystemInstruction(""), "systemInstruction is empty"),
                bad(c -> c.setStartOfSpeechSensitivity("MEDIUM"), "startOfSpeechSensitivity must be one of"),
                bad(c -> c.setEndOfSpeechSensitivity("MEDIUM"), "endOfSpeechSensitivity must be one of"),
                bad(c -> c.setPrefixPaddingMs(-1), "prefixPaddingMs must be from 0 to 60000"),
                bad(c -> c.setSilenceDurationMs(600_000), "silenceDurationMs must be from 0 to 60000"),
                bad(c -> c.setActivityHandling("SOMETIMES"), "activityHandling must be one of"),
                bad(c -> c.setTurnCoverage("ALL"), "turnCoverage must be one of"),
                bad(c -> c.setContextWindowCompressionTargetTokens(0L),
                        "contextWindowCompressionTargetTokens must be at least 1"),
                bad(c -> {
                    c.setContextWindowCompressionTargetTokens(9000L);
                    c.setContextWindowCompressionTriggerTokens(8000L);
                }, "contextWindowCompressionTargetTokens (9000) must be below contextWindowCompressionTriggerTokens"),
                bad(c -> c.setVertexProject("demo"), "apply to flavour=VERTEX_AI only"),
                bad(c -> c.setFlavour(ConnectionOptions.Flavour.VERTEX_AI), "needs the gemini-live options"
                        + " vertexProject and vertexLocation"),
                bad(c -> {
                    c.setFlavour(ConnectionOptions.Flavour.VERTEX_AI);
                    c.setVertexProject("demo");
                    c.setVertexLocation("US Central");
                }, "vertexLocation is malformed"),
                bad(c -> c.setModelRules(Map.of("gemini-4", "4-live")), "unknown family '4-live'"),
                bad(c -> c.setModelRules(Map.of("gemini-4", "generic,speed=fast")), "unknown rule 'speed'; rules:"),
                bad(c -> c.setModelRules(Map.of("gemini-4", "generic,nonBlockingTools=yes")),
                        "nonBlockingTools must be true or false, not 'yes'"),
                bad(c -> c.setModelRules(Map.of("gemini-4", 42)), "must be a family name with field changes"));
    }

    private static Arguments bad(Consumer<GeminiLiveConfiguration> setting, String message) {
        return Arguments.of(setting, message);
    }

    @ParameterizedTest
    @MethodSource("malformedOptions")
    void anEmptyOrMalformedOptionFailsNamingIt(Consumer<GeminiLiveConfiguration> setting, String message) {
        GeminiLiveConfiguration c = new GeminiLiveConfiguration();
        setting.accept(c);

        assertThatThrownBy(() -> LiveSettingsMapper.sessionOptions(c, Runnable::run))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining(message);
    }

    @Test
    void modelRulesOverridesComeFirstTheLongestNamePartFirst() {
        GeminiLiveConfiguration c = new GeminiLiveConfiguration();
        Map<String, Object> overrides = new LinkedHashMap<>();
        overrides.put("gemini-4-pro", ModelRulesTable.GENERIC);
        overrides.put("gemini-4", "3.1-flash-live, textTurn=client_content, family=4-live");
        c.setModelRules(overrides);

        c.setModel("models/gemini-4-flash-live");
        ModelRules flash = LiveSettingsMapper.sessionOptions(c, Runnable::run).rules();
        c.setModel("models/gemini-4-pro-live");
        ModelRules pro = LiveSettingsMapper.sessionOptions(c, Runnable::run).rules();
        c.setModel("models/gemini-3.1-flash-live-preview");
        ModelRules builtIn = LiveSettingsMapper.sessionOptions(c, Runnable::run).rules();

        assertThat(flash).isEqualTo(new ModelRules("4-live", false, false, ModelRules.TextTurn.CLIENT_CONTENT, true,
                false, true, true, false, "TURN_INCLUDES_AUDIO_ACTIVITY_AND_ALL_VIDEO"));
        assertThat(pro).isSameAs(ModelRulesTable.GENERIC);
        assertThat(builtIn).isSameAs(ModelRulesTable.FLASH_LIVE_3_1);
    }

    @Test
    void vertexProjectAndLocationNameTheModelAndTheRegionalEndpoint() {
        GeminiLiveConfiguration c = new GeminiLiveConfiguration();
        c.setApiKey("ya29.token");
        c.setFlavour(ConnectionOptions.Flavour.VERTEX_AI);
        c.setVertexProject("demo-project");
        c.setVertexLocation("europe-west4");

        assertThat(LiveSettingsMapper.setup(c).model()).isEqualTo("projects/demo-project/locations/europe-west4"
                + "/publishers/google/models/gemini-2.5-flash-native-audio-latest");
        assertThat(LiveSettingsMapper.clientKey(c).baseUrl())
                .isEqualTo(URI.create("wss://europe-west4-aiplatform.googleapis.com"));
        c.setVertexLocation("global");
        assertThat(LiveSettingsMapper.clientKey(c).baseUrl()).isEqualTo(URI.create("wss://aiplatform.googleapis.com"));
        c.setBaseUrl("ws://127.0.0.1:8080"); // a base URL that is set is kept (an emulator, a proxy)
        assertThat(LiveSettingsMapper.clientKey(c).baseUrl()).isEqualTo(URI.create("ws://127.0.0.1:8080"));
    }

    @Test
    void aCredentialsSupplierIsHandedToTheClientInsteadOfTheApiKey() {
        AtomicInteger asked = new AtomicInteger();
        Supplier<String> tokens = () -> "auth_tokens/" + asked.incrementAndGet();
        GeminiLiveConfiguration c = new GeminiLiveConfiguration();
        c.setCredentialsSupplier(tokens);

        LiveClientKey key = LiveSettingsMapper.clientKey(c);
        ConnectionOptions options = key.toConnectionOptions();

        assertThat(options.credentials().get()).isEqualTo("auth_tokens/1");
        assertThat(options.credentials().get()).isEqualTo("auth_tokens/2");
        assertThat(LiveSettingsMapper.clientKey(c)).isEqualTo(key); // the same bean: the same client
        assertThat(key.toString()).doesNotContain("auth_tokens");
    }

    @Test
    void toolsFromBeansAndJson() {
        FunctionDeclaration weather = new FunctionDeclaration("get_weather", "Weather", Map.of("type", "OBJECT"));

        assertThat(LiveSettingsMapper.tools(List.of(Tool.ofFunctions(List.of(weather)))))
                .singleElement().extracting(Tool::functionDeclarations).asList().containsExactly(weather);
        assertThat(LiveSettingsMapper.tools(List.of(weather))).singleElement()
                .extracting(Tool::functionDeclarations).asList().containsExactly(weather);
        assertThat(LiveSettingsMapper.tools(Tool.ofGoogleSearch())).singleElement()
                .extracting(Tool::googleSearch).isNotNull();
        assertThat(LiveSettingsMapper.tools("[{\"name\":\"get_weather\",\"description\":\"Weather\"}]"))
                .singleElement().satisfies(t -> assertThat(t.functionDeclarations().get(0).name())
                        .isEqualTo("get_weather"));
    }

    @Test
    void badToolsAreClearErrors() {
        assertThatThrownBy(() -> LiveSettingsMapper.tools("{not json"))
                .hasMessageContaining("not a JSON array of functionDeclarations");
        assertThatThrownBy(() -> LiveSettingsMapper.tools(42))
                .hasMessageContaining("java.lang.Integer").hasMessageContaining("List of");
        assertThatThrownBy(() -> LiveSettingsMapper.tools(List.of("x")))
                .hasMessageContaining("java.lang.String");
    }

    @Test
    void resilienceDefaultsAreTheClientDefaults() {
        ResumptionHandleStore store = new InMemoryResumptionHandleStore();

        ResilienceOptions options =
                LiveSettingsMapper.resilienceOptions(new GeminiLiveConfiguration(), store, "call-1");

        ResilienceOptions client = ResilienceOptions.defaults();
        assertThat(options.reconnect()).isEqualTo(client.reconnect());
        assertThat(options).usingRecursiveComparison().ignoringFields("handleStore", "handleKey").isEqualTo(client);
        assertThat(options.handleStore()).isSameAs(store);
        assertThat(options.handleKey()).isEqualTo("call-1");
    }

    @Test
    void everyResilienceOptionIsMapped() {
        GeminiLiveConfiguration c = new GeminiLiveConfiguration();
        c.setReconnectInitialDelay(50);
        c.setReconnectMaxDelay(4000);
        c.setReconnectMaxAttempts(7);
        c.setReconnectMaxElapsed(0);
        c.setReplayBufferBytes(1024);
        c.setReplayBufferDuration(3000);
        c.setHeldSendLimit(9);
        c.setHeldSendOverflow(OverflowPolicy.DROP_OLDEST);
        c.setPingInterval(1000);
        c.setPingTimeout(5000);
        c.setGoAwayMargin(500);
        c.setMaxConnectionAge(540_000);
        c.setTransparentResumption(true);
        c.setSeedFreshSession(true);

        ResilienceOptions o = LiveSettingsMapper.resilienceOptions(c, new InMemoryResumptionHandleStore(), "k");

        assertThat(o.reconnect()).isEqualTo(new ReconnectPolicy(Duration.ofMillis(50), Duration.ofSeconds(4), 2.0, 0.2,
                7, null));
        assertThat(o.replayBufferBytes()).isEqualTo(1024);
        assertThat(o.replayBufferDuration()).isEqualTo(Duration.ofSeconds(3));
        assertThat(o.heldSendLimit()).isEqualTo(9);
        assertThat(o.overflowPolicy()).isEqualTo(OverflowPolicy.DROP_OLDEST);
        assertThat(o.pingInterval()).isEqualTo(Duration.ofSeconds(1));
        assertThat(o.pingTimeout()).isEqualTo(Duration.ofSeconds(5));
        assertThat(o.goAwayMargin()).isEqualTo(Duration.ofMillis(500));
        assertThat(o.maxConnectionAge()).isEqualTo(Duration.ofMinutes(9));
        assertThat(o.transparent()).isTrue();
        assertThat(o.seedFreshSession()).isTrue();
    }

    @Test
    void noPingsWhenThePingIntervalIsZeroAndBadCombinationsAreClearErrors() {
        GeminiLiveConfiguration c = new GeminiLiveConfiguration();
        c.setPingInterval(0);
        ResilienceOptions o = LiveSettingsMapper.resilienceOptions(c, new InMemoryResumptionHandleStore(), "k");
        assertThat(o.pingInterval()).isNull();
        assertThat(o.pingTimeout()).isNull();

        c.setPingInterval(20_000);
        c.setPingTimeout(10_000);
        assertThatThrownBy(() -> LiveSettingsMapper.resilienceOptions(c, new InMemoryResumptionHandleStore(), "k"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("pingTimeout");
    }
}
