package io.github.camelgeminilive.protocol;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;

import org.assertj.core.api.InstanceOfAssertFactories;
import org.junit.jupiter.api.Test;

import io.github.camelgeminilive.protocol.GenerationConfig.ThinkingConfig;
import io.github.camelgeminilive.protocol.RealtimeInputConfig.AutomaticActivityDetection;

/** The typed values of each client fixture, as docs/wire-protocol.md describes them. */
class ClientFixturesTest {

    @Test
    void fullSetupCarriesEveryField() {
        Setup s = Fixtures.client("setup-full").setup();

        assertThat(s.model()).isEqualTo("models/gemini-2.5-flash-native-audio-latest");
        GenerationConfig g = s.generationConfig();
        assertThat(g.responseModalities()).containsExactly("AUDIO");
        assertThat(g.speechConfig().voiceConfig().prebuiltVoiceConfig().voiceName()).isEqualTo("Kore");
        assertThat(g.speechConfig().languageCode()).isEqualTo("en-US");
        assertThat(g.temperature()).isEqualTo(0.7);
        assertThat(g.topP()).isEqualTo(0.95);
        assertThat(g.topK()).isEqualTo(40);
        assertThat(g.maxOutputTokens()).isEqualTo(1024);
        assertThat(g.candidateCount()).isEqualTo(1);
        assertThat(g.presencePenalty()).isEqualTo(0.1);
        assertThat(g.frequencyPenalty()).isEqualTo(0.2);
        assertThat(g.mediaResolution()).isEqualTo("MEDIA_RESOLUTION_LOW");
        assertThat(g.thinkingConfig()).isEqualTo(new ThinkingConfig(512, true, "low"));
        assertThat(g.enableAffectiveDialog()).isTrue();

        assertThat(s.systemInstruction()).isEqualTo(Content.text("You are a helpful assistant."));

        assertThat(s.tools()).hasSize(3);
        List<FunctionDeclaration> functions = s.tools().get(0).functionDeclarations();
        assertThat(functions).extracting(FunctionDeclaration::name).containsExactly("get_weather", "lookup_order");
        FunctionDeclaration weather = functions.get(0);
        assertThat(weather.description()).isEqualTo("Current weather for a city");
        assertThat(weather.behavior()).isEqualTo("NON_BLOCKING");
        assertThat(weather.parameters()).containsEntry("type", "OBJECT").containsEntry("required",
                List.of("city_name"));
        assertThat(weather.parameters().get("properties")).asInstanceOf(InstanceOfAssertFactories.MAP)
                .containsOnlyKeys("city_name", "unit_system");
        assertThat(weather.parametersJsonSchema()).isNull();
        FunctionDeclaration order = functions.get(1);
        assertThat(order.parameters()).isNull();
        assertThat(order.parametersJsonSchema()).containsEntry("additionalProperties", false);
        assertThat(order.behavior()).isEqualTo("BLOCKING");
        assertThat(s.tools().get(1)).isEqualTo(Tool.ofGoogleSearch());
        assertThat(s.tools().get(2)).isEqualTo(Tool.ofCodeExecution());

        assertThat(s.realtimeInputConfig().automaticActivityDetection()).isEqualTo(new AutomaticActivityDetection(
                false, "START_SENSITIVITY_HIGH", "END_SENSITIVITY_LOW", 20, 800));
        assertThat(s.realtimeInputConfig().activityHandling()).isEqualTo("START_OF_ACTIVITY_INTERRUPTS");
        assertThat(s.realtimeInputConfig().turnCoverage()).isEqualTo("TURN_INCLUDES_ONLY_ACTIVITY");
        assertThat(s.sessionResumption()).isEqualTo(new Setup.SessionResumptionConfig("resume-handle-1", true));
        assertThat(s.contextWindowCompression())
                .isEqualTo(new Setup.ContextWindowCompressionConfig(25600L, new Setup.SlidingWindow(12800L)));
        assertThat(s.inputAudioTranscription()).isEqualTo(new Setup.AudioTranscriptionConfig());
        assertThat(s.outputAudioTranscription()).isEqualTo(new Setup.AudioTranscriptionConfig());
        assertThat(s.proactivity().proactiveAudio()).isTrue();
        assertThat(s.enableAffectiveDialog()).isTrue();
        assertThat(s.historyConfig().initialHistoryInClientContent()).isTrue();
        assertThat(s.explicitVadSignal()).isTrue();
        assertThat(s.safetySettings())
                .containsExactly(new Setup.SafetySetting("HARM_CATEGORY_HARASSMENT", "BLOCK_ONLY_HIGH"));
        assertThat(s.labels()).containsExactly(Map.entry("team", "voice"), Map.entry("cost_center", "cc-42"));
    }

    @Test
    void fullSetupIsWhatTheBuilderWrites() {
        Setup parsed = Fixtures.client("setup-full").setup();
        Setup built = Setup.builder(parsed.model())
                .generationConfig(parsed.generationConfig())
                .systemInstruction(parsed.systemInstruction())
                .tools(parsed.tools())
                .realtimeInputConfig(parsed.realtimeInputConfig())
                .sessionResumption(parsed.sessionResumption())
                .contextWindowCompression(parsed.contextWindowCompression())
                .inputAudioTranscription(true)
                .outputAudioTranscription(true)
                .proactivity(parsed.proactivity())
                .enableAffectiveDialog(true)
                .historyConfig(parsed.historyConfig())
                .explicitVadSignal(true)
                .safetySettings(parsed.safetySettings())
                .labels(parsed.labels())
                .build();

        assertThat(built).isEqualTo(parsed);
    }

    @Test
    void minimalSetupHasOnlyTheModel() {
        Setup s = Fixtures.client("setup-minimal").setup();

        assertThat(s).isEqualTo(Setup.builder("models/gemini-3.1-flash-live-preview").build());
        assertThat(LiveJson.get().write(ClientMessage.of(s)))
                .isEqualTo("{\"setup\":{\"model\":\"models/gemini-3.1-flash-live-preview\"}}");
    }

    @Test
    void resumptionHandleIsOmittedWhenBlankSoNoNullHandleIsSent() {
        Setup s = Setup.builder("models/m").sessionResumption(new Setup.SessionResumptionConfig(null, true)).build();

        assertThat(LiveJson.get().write(ClientMessage.of(s.withResumptionHandle(" "))))
                .isEqualTo("{\"setup\":{\"model\":\"models/m\",\"sessionResumption\":{\"transparent\":true}}}");
        assertThat(s.withResumptionHandle("h-9").sessionResumption())
                .isEqualTo(new Setup.SessionResumptionConfig("h-9", true));
    }

    @Test
    void clientContentKeepsTurnOrderRolesAndInlineData() {
        ClientContent c = Fixtures.client("client-content").clientContent();

        assertThat(c.turnComplete()).isTrue();
        assertThat(c.turns()).extracting(Content::role).containsExactly("user", "model", "user");
        assertThat(c.turns().get(0)).isEqualTo(Content.userText("My name is Alice."));
        assertThat(c.turns().get(1)).isEqualTo(Content.modelText("Hello Alice!"));
        List<Part> last = c.turns().get(2).parts();
        assertThat(last.get(0).text()).isEqualTo("What is in this picture?");
        assertThat(last.get(1).inlineData())
                .isEqualTo(new Blob("image/jpeg", new byte[] {(byte) 0xFF, (byte) 0xD8, (byte) 0xFF, (byte) 0xE0}));
    }

    @Test
    void realtimeAudio() {
        RealtimeInput r = Fixtures.client("realtime-audio").realtimeInput();

        assertThat(r).isEqualTo(RealtimeInput.ofAudio(new Blob("audio/pcm;rate=16000",
                new byte[] {0, 0, 16, 0, (byte) 240, (byte) 255, 127, (byte) 128})));
    }

    @Test
    void realtimeVideo() {
        RealtimeInput r = Fixtures.client("realtime-video").realtimeInput();

        assertThat(r).isEqualTo(RealtimeInput.ofVideo(
                new Blob("image/jpeg", new byte[] {(byte) 0xFF, (byte) 0xD8, (byte) 0xFF, (byte) 0xE0})));
    }

    @Test
    void realtimeTextAndSignals() {
        assertThat(Fixtures.client("realtime-text").realtimeInput())
                .isEqualTo(RealtimeInput.ofText("Hello, how are you?"));
        assertThat(Fixtures.client("realtime-activity-start").realtimeInput())
                .isEqualTo(RealtimeInput.ofActivityStart());
        assertThat(Fixtures.client("realtime-activity-end").realtimeInput()).isEqualTo(RealtimeInput.ofActivityEnd());
        assertThat(Fixtures.client("realtime-audio-stream-end").realtimeInput())
                .isEqualTo(RealtimeInput.ofAudioStreamEnd());
    }

    @Test
    void deprecatedMediaChunksAreRead() {
        RealtimeInput r = Fixtures.client("realtime-media-chunks").realtimeInput();

        assertThat(r.audio()).isNull();
        assertThat(r.mediaChunks()).containsExactly(
                new Blob("audio/pcm;rate=16000", new byte[] {(byte) 251, (byte) 255, (byte) 191, 0, 1}),
                new Blob("image/png", new byte[] {1, 2, 3, 4, 5, 6}));
    }

    @Test
    void toolResponseKeepsIdsResponsesAndScheduling() {
        List<FunctionResponse> responses = Fixtures.client("tool-response").toolResponse().functionResponses();

        assertThat(responses).hasSize(2);
        FunctionResponse weather = responses.get(0);
        assertThat(weather.id()).isEqualTo("call-1");
        assertThat(weather.name()).isEqualTo("get_weather");
        assertThat(weather.scheduling()).isNull();
        assertThat(weather.response()).containsEntry("temperature_c", 21.5).containsEntry("sky", "clear")
                .containsEntry("rain_mm", null).hasSize(3);
        FunctionResponse order = responses.get(1);
        assertThat(order.scheduling()).isEqualTo("WHEN_IDLE");
        assertThat(order.response()).isEqualTo(Map.of("output", Map.of("order_id", "A-17", "items", List.of(1, 2))));
    }

    @Test
    void contextUpdateWithTools() {
        ContextUpdate u = Fixtures.client("context-update").contextUpdate();

        assertThat(u.systemInstruction()).isEqualTo(Content.text("Answer in French."));
        assertThat(u.tools().tools()).containsExactly(Tool.ofFunctions(
                List.of(new FunctionDeclaration("get_time", "Current time", null))));
    }

    @Test
    void contextUpdateRemovingAllToolsDiffersFromNoToolUpdate() {
        ContextUpdate removeAll = Fixtures.client("context-update-remove-tools").contextUpdate();

        assertThat(removeAll.systemInstruction()).isNull();
        assertThat(removeAll.tools()).isNotNull();
        assertThat(removeAll.tools().tools()).isEmpty();
        assertThat(LiveJson.get().write(ClientMessage.of(new ContextUpdate(Content.text("x"), null))))
                .isEqualTo("{\"contextUpdate\":{\"systemInstruction\":{\"parts\":[{\"text\":\"x\"}]}}}");
    }
}
