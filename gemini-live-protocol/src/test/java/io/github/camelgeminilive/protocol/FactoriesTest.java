package io.github.camelgeminilive.protocol;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The factories that clients and the emulator use write exactly the JSON of docs/wire-protocol.md (the fixtures).
 */
class FactoriesTest {

    private static final byte[] PCM = {0, 0, 16, 0, (byte) 240, (byte) 255, 127, (byte) 128};
    private static final byte[] JPEG = {(byte) 0xFF, (byte) 0xD8, (byte) 0xFF, (byte) 0xE0};

    static Stream<Arguments> clientMessages() {
        return Stream.of(
                Arguments.of("setup-minimal",
                        ClientMessage.of(Setup.builder("models/gemini-3.1-flash-live-preview").build())),
                Arguments.of("realtime-audio",
                        ClientMessage.of(RealtimeInput.ofAudio(new Blob("audio/pcm;rate=16000", PCM)))),
                Arguments.of("realtime-video", ClientMessage.of(RealtimeInput.ofVideo(new Blob("image/jpeg", JPEG)))),
                Arguments.of("realtime-text", ClientMessage.of(RealtimeInput.ofText("Hello, how are you?"))),
                Arguments.of("realtime-activity-start", ClientMessage.of(RealtimeInput.ofActivityStart())),
                Arguments.of("realtime-activity-end", ClientMessage.of(RealtimeInput.ofActivityEnd())),
                Arguments.of("realtime-audio-stream-end", ClientMessage.of(RealtimeInput.ofAudioStreamEnd())),
                Arguments.of("context-update-remove-tools",
                        ClientMessage.of(new ContextUpdate(null, new ContextUpdate.ToolsUpdate(List.of())))));
    }

    static Stream<Arguments> serverMessages() {
        return Stream.of(
                Arguments.of("setup-complete", ServerMessage.of(new SetupComplete("sess-7f3a"))),
                Arguments.of("model-turn-audio", ServerMessage.of(ServerContent.ofModelTurn(
                        new Content("model", List.of(Part.ofInlineData("audio/pcm;rate=24000", PCM)))))),
                Arguments.of("model-turn-text",
                        ServerMessage.of(ServerContent.ofModelTurn(Content.modelText("You said: hello")))),
                Arguments.of("generation-complete", ServerMessage.of(ServerContent.ofGenerationComplete())),
                Arguments.of("interrupted", ServerMessage.of(ServerContent.ofInterrupted())),
                Arguments.of("interim-input-transcription", ServerMessage.of(new ServerContent(null, null, null, null,
                        null, Transcription.of("what's the"), null, null, null, null))),
                Arguments.of("output-transcription", ServerMessage.of(ServerContent.ofOutputTranscription(
                        new Transcription("You said: ", false, null, null, null)))),
                Arguments.of("usage-only-empty-content", ServerMessage.of(ServerContent.empty())
                        .withUsage(new UsageMetadata(9, null, null, null, null, 9, null, null))),
                Arguments.of("tool-call-cancellation",
                        ServerMessage.of(new ToolCallCancellation(List.of("call-1", "call-2")))),
                Arguments.of("go-away-50s", ServerMessage.of(new GoAway(Duration.ofSeconds(50)))),
                Arguments.of("go-away-fraction", ServerMessage.of(new GoAway(Duration.ofMillis(500)))),
                Arguments.of("session-resumption-update",
                        ServerMessage.of(new SessionResumptionUpdate("handle-2", true, 42L))),
                Arguments.of("voice-activity",
                        ServerMessage.of(new VoiceActivity("ACTIVITY_START", Duration.ofMillis(1250)))),
                Arguments.of("vad-signal", ServerMessage.of(new VoiceActivityDetectionSignal("VAD_SIGNAL_TYPE_EOS"))));
    }

    @ParameterizedTest
    @MethodSource("clientMessages")
    void clientFactoryWritesTheFixture(String fixture, ClientMessage message) {
        assertThat(message.fieldCount()).isEqualTo(1);
        assertThat(Fixtures.tree(LiveJson.get().write(message)))
                .isEqualTo(Fixtures.tree(Fixtures.text("client/" + fixture + ".json")));
    }

    @ParameterizedTest
    @MethodSource("serverMessages")
    void serverFactoryWritesTheFixture(String fixture, ServerMessage message) {
        assertThat(Fixtures.tree(LiveJson.get().write(message)))
                .isEqualTo(Fixtures.tree(Fixtures.text("server/" + fixture + ".json")));
    }

    @Test
    void inputTranscriptionFactory() {
        assertThat(ServerContent.ofInputTranscription(Transcription.of("hi")).inputTranscription().text())
                .isEqualTo("hi");
        assertThat(ServerContent.ofTurnComplete().isTurnComplete()).isTrue();
    }

    @Test
    void fieldCountSeesEveryTopLevelField() {
        ClientMessage two = new ClientMessage(Setup.builder("m").build(), null, RealtimeInput.ofText("x"), null, null);

        assertThat(two.fieldCount()).isEqualTo(2);
        assertThat(new ClientMessage(null, null, null, null, null).fieldCount()).isZero();
    }

    @Test
    void blobsCompareByContentAndHideTheirBytes() {
        Blob a = new Blob("audio/pcm", new byte[] {1, 2});

        assertThat(a).isEqualTo(new Blob("audio/pcm", new byte[] {1, 2})).hasSameHashCodeAs(
                new Blob("audio/pcm", new byte[] {1, 2}));
        assertThat(a).isNotEqualTo(new Blob("audio/pcm", new byte[] {1, 3}));
        assertThat(a.toString()).isEqualTo("Blob[mimeType=audio/pcm, bytes=2]");
    }
}
