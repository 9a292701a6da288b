package io.github.camelgeminilive.protocol;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import io.github.camelgeminilive.protocol.UsageMetadata.ModalityTokenCount;

/** The typed values of each server fixture, as docs/wire-protocol.md describes them. */
class ServerFixturesTest {

    private static final byte[] PCM = {0, 0, 16, 0, (byte) 240, (byte) 255, 127, (byte) 128};

    @Test
    void setupCompleteCarriesTheSessionId() {
        assertThat(Fixtures.server("setup-complete")).isEqualTo(ServerMessage.of(new SetupComplete("sess-7f3a")));
    }

    @Test
    void modelTurnAudio() {
        ServerContent c = Fixtures.server("model-turn-audio").serverContent();

        assertThat(c.modelTurn().role()).isEqualTo("model");
        assertThat(c.modelTurn().parts()).containsExactly(Part.ofInlineData("audio/pcm;rate=24000", PCM));
        assertThat(c.isTurnComplete()).isFalse();
        assertThat(c.turnComplete()).isNull();
    }

    @Test
    void modelTurnText() {
        assertThat(Fixtures.server("model-turn-text"))
                .isEqualTo(ServerMessage.of(ServerContent.ofModelTurn(Content.modelText("You said: hello"))));
    }

    @Test
    void thoughtPartIsMarkedAndKeepsItsSignature() {
        Part p = Fixtures.server("model-turn-thought").serverContent().modelTurn().parts().get(0);

        assertThat(p.isThought()).isTrue();
        assertThat(p.text()).isEqualTo("The user greets me; greet back.");
        assertThat(p.thoughtSignature()).isEqualTo("c2lnLTE=");
    }

    @Test
    void executableCodeAndItsResult() {
        List<Part> parts = Fixtures.server("model-turn-code").serverContent().modelTurn().parts();

        assertThat(parts.get(0).executableCode()).isEqualTo(new ExecutableCode("PYTHON", "print(6 * 7)"));
        assertThat(parts.get(1).codeExecutionResult()).isEqualTo(new CodeExecutionResult("OUTCOME_OK", "42\n"));
    }

    @Test
    void turnCompleteWithReason() {
        ServerContent c = Fixtures.server("turn-complete").serverContent();

        assertThat(c.isTurnComplete()).isTrue();
        assertThat(c.turnCompleteReason()).isEqualTo("NEED_MORE_INPUT");
        assertThat(c.isGenerationComplete()).isFalse();
        assertThat(c.isInterrupted()).isFalse();
    }

    @Test
    void generationCompleteAndInterrupted() {
        assertThat(Fixtures.server("generation-complete"))
                .isEqualTo(ServerMessage.of(ServerContent.ofGenerationComplete()));
        assertThat(Fixtures.server("generation-complete").serverContent().isGenerationComplete()).isTrue();
        assertThat(Fixtures.server("interrupted")).isEqualTo(ServerMessage.of(ServerContent.ofInterrupted()));
        assertThat(Fixtures.server("interrupted").serverContent().isInterrupted()).isTrue();
    }

    @Test
    void inputTranscriptionWithAllFields() {
        Transcription t = Fixtures.server("input-transcription").serverContent().inputTranscription();

        assertThat(t.text()).isEqualTo("what's the weather");
        assertThat(t.finished()).isTrue();
        assertThat(t.languageCode()).isEqualTo("en-US");
        assertThat(t.speakerLabel()).isEqualTo("spk-1");
        assertThat(t.words()).containsExactly(
                Map.of("word", "what's", "startOffset", "0.120s", "endOffset", "0.400s"),
                Map.of("word", "the", "start_offset", "0.400s"));
    }

    @Test
    void interimAndOutputTranscriptions() {
        assertThat(Fixtures.server("interim-input-transcription").serverContent().interimInputTranscription())
                .isEqualTo(Transcription.of("what's the"));
        Transcription out = Fixtures.server("output-transcription").serverContent().outputTranscription();
        assertThat(out.text()).isEqualTo("You said: ");
        assertThat(out.finished()).isFalse();
    }

    @Test
    void groundingMetadataIsKeptVerbatim() {
        Map<String, Object> g = Fixtures.server("grounding-metadata").serverContent().groundingMetadata();

        assertThat(g).containsOnlyKeys("webSearchQueries", "groundingChunks", "search_entry_point");
        assertThat(g.get("webSearchQueries")).isEqualTo(List.of("weather Paris today"));
        assertThat(g.get("search_entry_point")).isEqualTo(Map.of("rendered_content", "<div>...</div>"));
    }

    @Test
    void waitingForInput() {
        assertThat(Fixtures.server("waiting-for-input").serverContent().waitingForInput()).isTrue();
    }

    @Test
    void flashLiveStyleMessageCarriesAudioTranscriptionAndUsageTogether() {
        ServerMessage m = Fixtures.server("multi-part-3-1");

        assertThat(m.serverContent().modelTurn().parts()).containsExactly(Part.ofInlineData("audio/pcm;rate=24000",
                new byte[] {(byte) 251, (byte) 255, (byte) 191, 0, 1}));
        assertThat(m.serverContent().outputTranscription()).isEqualTo(Transcription.of("Hello there"));
        assertThat(m.usageMetadata()).isEqualTo(new UsageMetadata(20, null, 5, null, null, 25, null, null));
    }

    @Test
    void emptyUsageOnlyContentIsAnEmptyServerContent() {
        ServerMessage m = Fixtures.server("usage-only-empty-content");

        assertThat(m.serverContent()).isEqualTo(ServerContent.empty());
        assertThat(m.usageMetadata().promptTokenCount()).isEqualTo(9);
        assertThat(m).isEqualTo(ServerMessage.of(ServerContent.empty())
                .withUsage(new UsageMetadata(9, null, null, null, null, 9, null, null)));
    }

    @Test
    void toolCallArgumentsKeepTheirTypesAndKeys() {
        List<FunctionCall> calls = Fixtures.server("tool-call").toolCall().functionCalls();

        assertThat(calls).extracting(FunctionCall::id).containsExactly("call-1", "call-2");
        assertThat(calls).extracting(FunctionCall::name).containsExactly("get_weather", "get_time");
        Map<String, Object> args = calls.get(0).args();
        assertThat(args).containsOnlyKeys("city_name", "unitSystem", "days", "details", "note");
        assertThat(args).containsEntry("city_name", "Paris").containsEntry("days", 3).containsEntry("note", null)
                .containsEntry("details", Map.of("hourly_breakdown", true));
        assertThat(calls.get(1).args()).isEmpty();
    }

    @Test
    void toolCallCancellation() {
        assertThat(Fixtures.server("tool-call-cancellation").toolCallCancellation().ids())
                .containsExactly("call-1", "call-2");
    }

    @Test
    void goAwayTimeLeftIsADuration() {
        assertThat(Fixtures.server("go-away-50s").goAway().timeLeft()).isEqualTo(Duration.ofSeconds(50));
        assertThat(Fixtures.server("go-away-fraction").goAway().timeLeft()).isEqualTo(Duration.ofMillis(500));
    }

    @Test
    void sessionResumptionUpdate() {
        SessionResumptionUpdate u = Fixtures.server("session-resumption-update").sessionResumptionUpdate();

        assertThat(u).isEqualTo(new SessionResumptionUpdate("handle-2", true, 42L));
        assertThat(u.isResumable()).isTrue();
    }

    @Test
    void notResumableUpdateHasAnEmptyHandleAndNoIndex() {
        SessionResumptionUpdate u = Fixtures.server("session-resumption-not-resumable").sessionResumptionUpdate();

        assertThat(u.isResumable()).isFalse();
        assertThat(u.newHandle()).isEmpty();
        assertThat(u.lastConsumedClientMessageIndex()).isNull();
    }

    @Test
    void voiceActivityAndVadSignal() {
        assertThat(Fixtures.server("voice-activity").voiceActivity())
                .isEqualTo(new VoiceActivity("ACTIVITY_START", Duration.ofMillis(1250)));
        assertThat(Fixtures.server("vad-signal").voiceActivityDetectionSignal().vadSignalType())
                .isEqualTo("VAD_SIGNAL_TYPE_EOS");
    }

    @Test
    void usageMetadataWithEveryCountAndDetail() {
        UsageMetadata u = Fixtures.server("usage-metadata").usageMetadata();

        assertThat(u).isEqualTo(new UsageMetadata(120, 30, 80, 7, 12, 219,
                List.of(new ModalityTokenCount("TEXT", 20), new ModalityTokenCount("AUDIO", 100)),
                List.of(new ModalityTokenCount("AUDIO", 80)),
                List.of(new ModalityTokenCount("TEXT", 30)),
                List.of(new ModalityTokenCount("TEXT", 7))));
    }

    @Test
    void helpersOfTheRecordsDoNotLeakOntoTheWire() {
        String written = LiveJson.get().write(ServerMessage.of(ServerContent.ofModelTurn(Content.modelText("hi"))));

        assertThat(written)
                .isEqualTo("{\"serverContent\":{\"modelTurn\":{\"role\":\"model\",\"parts\":[{\"text\":\"hi\"}]}}}");
        assertThat(LiveJson.get().write(ServerMessage.of(new SessionResumptionUpdate("h", null, null))))
                .isEqualTo("{\"sessionResumptionUpdate\":{\"newHandle\":\"h\"}}");
        assertThat(LiveJson.get().write(ClientMessage.of(RealtimeInput.ofText("x")))).doesNotContain("fieldCount");
    }

    /** A plain class with an is-getter, as free-form users of the shared mapper may have. */
    public static final class Flagged {
        public boolean isActive() {
            return true;
        }
    }

    @Test
    void isGettersOfNonRecordClassesStillCountForTheSharedMapper() throws Exception {
        assertThat(LiveJson.get().mapper().writeValueAsString(new Flagged())).isEqualTo("{\"active\":true}");
    }
}
