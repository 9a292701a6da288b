package io.github.camelgeminilive.component;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import io.github.camelgeminilive.protocol.ClientMessage;
import io.github.camelgeminilive.protocol.FunctionDeclaration;
import io.github.camelgeminilive.protocol.LiveJson;
import io.github.camelgeminilive.protocol.ModelRules;
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
