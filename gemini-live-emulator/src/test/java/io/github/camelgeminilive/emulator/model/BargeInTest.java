package io.github.camelgeminilive.emulator.model;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;

import org.junit.jupiter.api.Test;

import io.github.camelgeminilive.protocol.ClientMessage;
import io.github.camelgeminilive.protocol.FunctionCall;
import io.github.camelgeminilive.protocol.FunctionDeclaration;
import io.github.camelgeminilive.protocol.FunctionResponse;
import io.github.camelgeminilive.protocol.RealtimeInput;
import io.github.camelgeminilive.protocol.RealtimeInputConfig;
import io.github.camelgeminilive.protocol.ServerMessage;
import io.github.camelgeminilive.protocol.Setup;
import io.github.camelgeminilive.protocol.Tool;
import io.github.camelgeminilive.protocol.ToolResponse;

/** User speech while the model is still answering. */
class BargeInTest extends ModelTestBase {

    /** Slow enough that a reply is still streaming when the test speaks, fast enough for CI. */
    private static final double PACE = 0.2;

    @Test
    void speechDuringAReplyInterruptsItAndNoMoreOfItsAudioFollows() {
        ModelHarness h = connect(ModelHarness.audioSetup(ModelHarness.NATIVE_AUDIO).build(), PACE);
        h.sendText("Tell me a long story");
        h.await(ModelHarness::isAudio, 1);

        h.sendAudio(Pcm.speech(16_000, 300), 16_000);
        h.send(RealtimeInput.ofAudioStreamEnd());
        h.awaitTurnCompletes(1);

        List<ServerMessage> messages = h.messages();
        int interrupted = indexWhere(messages, m -> m.serverContent() != null && m.serverContent().isInterrupted());
        int userTurn = indexWhere(messages, m -> m.serverContent() != null
                && m.serverContent().inputTranscription() != null);
        assertThat(interrupted).isLessThan(userTurn);
        assertThat(messages.subList(interrupted, userTurn)).noneMatch(ModelHarness::isAudio);
        assertThat(messages).filteredOn(m -> m.serverContent() != null && m.serverContent().isGenerationComplete())
                .as("only the second turn completes its generation").hasSize(1);
        // the first turn stopped far before its ten seconds of audio
        int firstTurnAudio = (int) messages.subList(0, interrupted).stream().filter(ModelHarness::isAudio).count();
        assertThat(firstTurnAudio).isLessThan(100);
        assertThat(h.outputTranscript()).endsWith("You said: " + h.inputTranscripts().get(0));
    }

    @Test
    void speechWhileAToolCallIsPendingCancelsIt() {
        Setup setup = ModelHarness.audioSetup(ModelHarness.NATIVE_AUDIO)
                .tools(List.of(Tool.ofFunctions(List.of(new FunctionDeclaration("get_weather", "Weather", null)))))
                .build();
        ModelHarness h = connect(setup, 0);
        h.sendText("What is the weather in Paris?");
        FunctionCall call = h.await(m -> m.toolCall() != null, 1).get(0).toolCall().functionCalls().get(0);

        h.sendAudio(Pcm.speech(16_000, 300), 16_000);

        List<ServerMessage> messages = h.messages();
        assertThat(messages.get(messages.size() - 2).serverContent().isInterrupted()).isTrue();
        assertThat(messages.get(messages.size() - 1).toolCallCancellation().ids()).containsExactly(call.id());

        // a response that crossed the cancellation on the wire is ignored, not an error
        h.send(ClientMessage.of(new ToolResponse(List.of(new FunctionResponse(call.id(), call.name(), Map.of())))));
        assertThat(h.out.isOpen()).isTrue();
    }

    @Test
    void noInterruptionLetsTheReplyFinishThenAnswersTheSpeech() {
        Setup setup = ModelHarness.audioSetup(ModelHarness.NATIVE_AUDIO)
                .realtimeInputConfig(new RealtimeInputConfig(null, "NO_INTERRUPTION", null)).build();
        ModelHarness h = connect(setup, PACE);
        h.sendText("Hi, please keep talking for a while");
        h.await(ModelHarness::isAudio, 1);

        h.sendAudio(Pcm.speech(16_000, 300), 16_000);
        h.send(RealtimeInput.ofAudioStreamEnd());
        h.awaitTurnCompletes(2);

        List<ServerMessage> messages = h.messages();
        int speech = indexWhere(messages, m -> m.serverContent() != null
                && m.serverContent().inputTranscription() != null);
        assertThat(speech).as("the speech came while the first reply streamed")
                .isLessThan(indexWhere(messages, m -> m.serverContent() != null && m.serverContent().isTurnComplete()));
        assertThat(h.contents()).noneMatch(c -> c.isInterrupted());
        assertThat(h.outputTranscript()).startsWith("You said: Hi, please keep talking for a while")
                .endsWith("You said: " + h.inputTranscripts().get(0));
    }

    @Test
    void aNewTextTurnInterruptsTheReplyInFlight() {
        ModelHarness h = connect(ModelHarness.audioSetup(ModelHarness.NATIVE_AUDIO).build(), PACE);
        h.sendText("Tell me a long story");
        h.await(ModelHarness::isAudio, 1);

        h.sendText("Stop");
        h.awaitTurnCompletes(1);

        assertThat(h.contents()).filteredOn(c -> c.isInterrupted()).hasSize(1);
        assertThat(h.outputTranscript()).endsWith("You said: Stop");
    }

    /** As the service does: every superseded turn ends with its own interrupted, so replies stay countable. */
    @Test
    void textTurnsArrivingBeforeTheFirstIsAnsweredEachEndWithTheirOwnInterrupted() {
        ModelHarness h = connect(ModelHarness.audioSetup(ModelHarness.NATIVE_AUDIO).build(), PACE);
        for (int i = 1; i <= 5; i++) {
            h.sendText("A long question " + i); // "long": ten seconds of reply audio, so none ends early
        }
        h.awaitTurnCompletes(1);

        assertThat(h.contents()).filteredOn(c -> c.isInterrupted()).hasSize(4);
        assertThat(h.outputTranscript()).endsWith("You said: A long question 5");
    }

    private static int indexWhere(List<ServerMessage> messages, java.util.function.Predicate<ServerMessage> match) {
        return IntStream.range(0, messages.size()).filter(i -> match.test(messages.get(i))).findFirst().orElseThrow();
    }
}
