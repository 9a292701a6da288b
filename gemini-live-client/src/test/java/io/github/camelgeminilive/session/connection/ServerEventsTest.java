package io.github.camelgeminilive.session.connection;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;

import org.junit.jupiter.api.Test;

import io.github.camelgeminilive.protocol.LiveJson;
import io.github.camelgeminilive.protocol.ServerMessage;
import io.github.camelgeminilive.session.LiveEvent;
import io.github.camelgeminilive.session.LiveEventType;

class ServerEventsTest {

    private static List<LiveEvent> events(String json) {
        return ServerEvents.of(LiveJson.get().readServer(json));
    }

    @Test
    void everyPartOfAMultiPartServerContentBecomesAnEventInTurnOrder() {
        List<LiveEvent> events = events("""
                {"serverContent":{
                   "modelTurn":{"role":"model","parts":[
                      {"text":"thinking","thought":true},
                      {"inlineData":{"mimeType":"audio/pcm;rate=24000","data":"AQID"}},
                      {"text":"hello"},
                      {"executableCode":{"language":"PYTHON","code":"print(1)"}},
                      {"codeExecutionResult":{"outcome":"OUTCOME_OK","output":"1"}}]},
                   "inputTranscription":{"text":"hi"},
                   "interimInputTranscription":{"text":"h"},
                   "outputTranscription":{"text":"hello"},
                   "generationComplete":true,
                   "turnComplete":true,
                   "turnCompleteReason":"NEED_MORE_INPUT"},
                 "usageMetadata":{"totalTokenCount":"42"}}""");
        assertThat(events).extracting(LiveEvent::type).containsExactly(
                LiveEventType.INPUT_TRANSCRIPTION, LiveEventType.INPUT_TRANSCRIPTION, LiveEventType.TEXT,
                LiveEventType.AUDIO, LiveEventType.TEXT, LiveEventType.CODE_EXECUTION,
                LiveEventType.CODE_EXECUTION, LiveEventType.OUTPUT_TRANSCRIPTION,
                LiveEventType.GENERATION_COMPLETE, LiveEventType.TURN_COMPLETE, LiveEventType.USAGE);
        assertThat(((LiveEvent.InputTranscription) events.get(1)).interim()).isTrue();
        assertThat(((LiveEvent.Text) events.get(2)).thought()).isTrue();
        LiveEvent.Audio audio = (LiveEvent.Audio) events.get(3);
        assertThat(audio.data()).containsExactly(1, 2, 3);
        assertThat(audio.mimeType()).isEqualTo("audio/pcm;rate=24000");
        assertThat(((LiveEvent.Text) events.get(4)).thought()).isFalse();
        assertThat(((LiveEvent.CodeExecution) events.get(5)).code().code()).isEqualTo("print(1)");
        assertThat(((LiveEvent.CodeExecution) events.get(6)).result().output()).isEqualTo("1");
        assertThat(((LiveEvent.TurnComplete) events.get(9)).reason()).isEqualTo("NEED_MORE_INPUT");
        assertThat(((LiveEvent.Usage) events.get(10)).usage().totalTokenCount()).isEqualTo(42);
    }

    @Test
    void eachTopLevelFieldHasItsEvent() {
        assertThat(events("{\"setupComplete\":{\"sessionId\":\"s1\"}}"))
                .containsExactly(new LiveEvent.SetupCompleted("s1"));
        assertThat(events("{\"toolCall\":{\"functionCalls\":[{\"id\":\"c1\",\"name\":\"f\",\"args\":{}}]}}"))
                .singleElement().isInstanceOfSatisfying(LiveEvent.ToolCallRequested.class,
                        e -> assertThat(e.functionCalls().get(0).id()).isEqualTo("c1"));
        assertThat(events("{\"toolCallCancellation\":{\"ids\":[\"c1\"]}}"))
                .containsExactly(new LiveEvent.ToolCallCancelled(List.of("c1")));
        assertThat(events("{\"goAway\":{\"timeLeft\":\"0.500s\"}}"))
                .containsExactly(new LiveEvent.GoAwayReceived(Duration.ofMillis(500)));
        assertThat(events("{\"sessionResumptionUpdate\":{\"newHandle\":\"h\",\"resumable\":true,"
                + "\"lastConsumedClientMessageIndex\":\"7\"}}"))
                .containsExactly(new LiveEvent.ResumptionUpdate("h", true, 7L));
        assertThat(events("{\"voiceActivity\":{\"voiceActivityType\":\"ACTIVITY_START\",\"audioOffset\":\"1s\"}}"))
                .containsExactly(new LiveEvent.VoiceActivity("ACTIVITY_START", Duration.ofSeconds(1)));
        assertThat(events("{\"voiceActivityDetectionSignal\":{\"vadSignalType\":\"VAD_SIGNAL_TYPE_EOS\"}}"))
                .containsExactly(new LiveEvent.VoiceActivity("VAD_SIGNAL_TYPE_EOS", null));
        assertThat(events("{\"serverContent\":{\"interrupted\":true}}"))
                .containsExactly(new LiveEvent.Interrupted());
    }

    @Test
    void anEmptyUsageOnlyContentYieldsJustUsage() {
        assertThat(events("{\"serverContent\":{},\"usageMetadata\":{\"promptTokenCount\":3}}"))
                .extracting(LiveEvent::type).containsExactly(LiveEventType.USAGE);
        assertThat(ServerEvents.of(ServerMessage.of(io.github.camelgeminilive.protocol.ServerContent.empty())))
                .isEmpty();
    }
}
