package io.github.camelgeminilive.protocol;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.Map;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import com.google.genai.types.LiveClientMessage;
import com.google.genai.types.LiveServerMessage;

/**
 * Cross-checks field names and nesting against Google's own Live API types (google-genai 2.0.0): each fixture goes
 * through the SDK's parser and writer and must come back as the same record, so a field the SDK does not know (or
 * knows under another name or place) shows up here. Where the SDK differs on purpose, the test says why.
 */
class GoogleSdkCrossCheckTest {

    private final LiveJson json = LiveJson.get();

    /** Fixtures with data the SDK drops or normalises, each checked separately below. */
    private static final Map<String, String> SDK_NORMALISES = Map.of(
            "grounding-metadata", "typed GroundingMetadata in the SDK drops our verbatim snake_case test key",
            "input-transcription", "typed WordInfo in the SDK drops our verbatim snake_case test key",
            "tool-call", "the SDK drops null values inside args",
            "tool-response", "the SDK drops null values inside response",
            "setup-full", "the SDK has no top-level setup.enableAffectiveDialog");

    static Stream<String> serverFixtures() {
        return Fixtures.names("server").filter(n -> !SDK_NORMALISES.containsKey(n));
    }

    static Stream<String> clientFixtures() {
        return Fixtures.names("client").filter(n -> !SDK_NORMALISES.containsKey(n));
    }

    @ParameterizedTest
    @MethodSource("serverFixtures")
    void sdkReadsWhatWeWriteAndWritesWhatWeRead(String name) {
        ServerMessage ours = Fixtures.server(name);

        String viaSdk = LiveServerMessage.fromJson(json.write(ours)).toJson();

        assertThat(json.readServer(viaSdk)).isEqualTo(ours);
    }

    @ParameterizedTest
    @MethodSource("clientFixtures")
    void sdkKnowsEveryClientField(String name) {
        ClientMessage ours = Fixtures.client(name);

        String viaSdk = LiveClientMessage.fromJson(json.write(ours)).toJson();

        assertThat(json.readClient(viaSdk)).isEqualTo(ours);
    }

    @Test
    void sdkPutsAffectiveDialogIntoGenerationConfigOnly() {
        Setup ours = Fixtures.client("setup-full").setup();

        Setup viaSdk = json.readClient(LiveClientMessage.fromJson(json.write(ClientMessage.of(ours))).toJson()).setup();

        assertThat(viaSdk.enableAffectiveDialog()).isNull();
        assertThat(viaSdk.generationConfig().enableAffectiveDialog()).isTrue();
        assertThat(viaSdk.generationConfig()).isEqualTo(ours.generationConfig());
        assertThat(viaSdk.tools()).isEqualTo(ours.tools());
        assertThat(viaSdk.realtimeInputConfig()).isEqualTo(ours.realtimeInputConfig());
        assertThat(viaSdk.contextWindowCompression()).isEqualTo(ours.contextWindowCompression());
        assertThat(viaSdk.labels()).isEqualTo(ours.labels());
        assertThat(viaSdk.historyConfig()).isEqualTo(ours.historyConfig());
        assertThat(viaSdk.explicitVadSignal()).isEqualTo(ours.explicitVadSignal());
    }

    @Test
    void sdkReadsToolCallArgumentsVerbatim() {
        ServerMessage viaSdk = json.readServer(LiveServerMessage.fromJson(Fixtures.text("server/tool-call.json"))
                .toJson());

        assertThat(viaSdk.toolCall().functionCalls().get(0).args())
                .containsOnlyKeys("city_name", "unitSystem", "days", "details")
                .containsEntry("details", Map.of("hourly_breakdown", true));
    }

    @Test
    void sdkDurationsParseAndOursParseTheSdks() {
        LiveServerMessage sdk = LiveServerMessage.fromJson(Fixtures.text("server/go-away-fraction.json"));

        assertThat(sdk.goAway().orElseThrow().timeLeft()).contains(Duration.ofMillis(500));
        // the SDK writes "0.5s", not protobuf's canonical "0.500s"; both are valid input
        assertThat(json.readServer(sdk.toJson()).goAway().timeLeft()).isEqualTo(Duration.ofMillis(500));
    }

    @Test
    void sdkReadsTheSessionIdOfSetupComplete() {
        LiveServerMessage sdk = LiveServerMessage.fromJson(json.write(ServerMessage.of(new SetupComplete("s-1"))));

        assertThat(sdk.setupComplete().orElseThrow().sessionId()).contains("s-1");
    }

    @Test
    void sdkReadsOurAudioBytes() {
        byte[] pcm = {1, (byte) 0xFF, 0, (byte) 0x80, 0x7F};
        ServerMessage ours = ServerMessage.of(ServerContent.ofModelTurn(
                new Content("model", java.util.List.of(Part.ofInlineData("audio/pcm;rate=24000", pcm)))));

        LiveServerMessage sdk = LiveServerMessage.fromJson(json.write(ours));

        assertThat(sdk.serverContent().orElseThrow().modelTurn().orElseThrow().parts().orElseThrow().get(0)
                .inlineData().orElseThrow().data()).contains(pcm);
    }
}
