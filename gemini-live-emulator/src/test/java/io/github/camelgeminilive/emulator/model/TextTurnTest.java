package io.github.camelgeminilive.emulator.model;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.stream.IntStream;

import org.junit.jupiter.api.Test;

import io.github.camelgeminilive.protocol.GenerationConfig;
import io.github.camelgeminilive.protocol.RealtimeInput;
import io.github.camelgeminilive.protocol.ServerContent;
import io.github.camelgeminilive.protocol.ServerMessage;
import io.github.camelgeminilive.protocol.Setup;
import io.github.camelgeminilive.protocol.UsageMetadata;

class TextTurnTest extends ModelTestBase {

    @Test
    void textTurnStreamsSpeechLikeAudioWithTranscriptionThenCompletesWithUsage() {
        ModelHarness h = connect(ModelHarness.audioSetup(ModelHarness.NATIVE_AUDIO).build(), 0);

        h.sendText("Hello, how are you?");
        h.awaitTurnCompletes(1);

        String transcript = "You said: Hello, how are you?";
        assertThat(h.outputTranscript()).isEqualTo(transcript);
        List<ServerMessage> messages = h.messages();
        List<Integer> audioAt = IntStream.range(0, messages.size()).filter(i -> ModelHarness.isAudio(messages.get(i)))
                .boxed().toList();
        int generationComplete = indexOf(messages, ServerContent::isGenerationComplete);
        int turnComplete = indexOf(messages, ServerContent::isTurnComplete);
        assertThat(audioAt).isNotEmpty();
        assertThat(audioAt.get(audioAt.size() - 1)).isLessThan(generationComplete);
        assertThat(generationComplete).isLessThan(turnComplete);
        assertThat(turnComplete).isEqualTo(messages.size() - 1);
        // the transcription runs along the audio instead of all coming first or last
        int firstTranscription = indexOf(messages, c -> c.outputTranscription() != null);
        assertThat(firstTranscription).isBetween(audioAt.get(0), audioAt.get(audioAt.size() - 1));

        // one part per serverContent on 2.5 native audio
        assertThat(h.contents()).noneMatch(c -> c.modelTurn() != null && c.outputTranscription() != null);
        assertThat(h.contents()).filteredOn(c -> c.modelTurn() != null).allSatisfy(c -> {
            assertThat(c.modelTurn().role()).isEqualTo("model");
            assertThat(c.modelTurn().parts()).singleElement()
                    .satisfies(p -> assertThat(p.inlineData().mimeType()).isEqualTo("audio/pcm;rate=24000"));
        });

        // ~70 ms per transcript character, in 40 ms chunks of 1920 bytes (the last may be shorter)
        byte[] audio = h.audio();
        assertThat(audio.length).isEqualTo(transcript.length() * 70 * 24 * 2);
        List<Integer> chunkSizes = h.contents().stream().filter(c -> c.modelTurn() != null)
                .map(c -> c.modelTurn().parts().get(0).inlineData().data().length).toList();
        assertThat(chunkSizes.subList(0, chunkSizes.size() - 1)).containsOnly(1920);
        assertThat(chunkSizes.get(chunkSizes.size() - 1)).isBetween(1, 1920);
        assertThat(Pcm.rms(audio, 0, audio.length / 2)).as("speech-like, not silence").isGreaterThan(1000);
        assertThat(Pcm.quietFrameShare(audio, 24_000)).as("syllable gaps").isBetween(0.05, 0.6);

        UsageMetadata usage = messages.get(turnComplete).usageMetadata();
        assertThat(usage.promptTokenCount()).isPositive();
        assertThat(usage.responseTokenCount()).isEqualTo((int) Math.ceil(transcript.length() * 0.070 * 25));
        assertThat(usage.totalTokenCount()).isEqualTo(usage.promptTokenCount() + usage.responseTokenCount());
        assertThat(usage.responseTokensDetails()).singleElement()
                .satisfies(d -> assertThat(d.modality()).isEqualTo("AUDIO"));
    }

    @Test
    void promptWithTheWordLongGetsAtLeastTenSecondsOfAudio() {
        ModelHarness h = connect(ModelHarness.audioSetup(ModelHarness.NATIVE_AUDIO).build(), 0);

        h.sendText("Tell me a long story");
        h.awaitTurnCompletes(1);

        assertThat(h.audio().length).isGreaterThanOrEqualTo(10 * 24_000 * 2);
        assertThat(h.outputTranscript()).isEqualTo("You said: Tell me a long story");
    }

    @Test
    void flashLiveSendsUsageFirstAndAudioWithItsTranscriptionInOneMessage() {
        ModelHarness h = connect(ModelHarness.audioSetup(ModelHarness.FLASH_LIVE).build(), 0);

        h.send(RealtimeInput.ofText("Hi there"));
        h.awaitTurnCompletes(1);

        List<ServerMessage> messages = h.messages();
        ServerMessage first = messages.get(0);
        assertThat(first.serverContent()).isEqualTo(ServerContent.empty());
        assertThat(first.usageMetadata().promptTokenCount()).isPositive();
        assertThat(messages.stream().filter(ModelHarness::isAudio).findFirst().orElseThrow().serverContent()
                .outputTranscription()).isNotNull();
        assertThat(h.contents()).filteredOn(c -> c.outputTranscription() != null)
                .allMatch(c -> c.modelTurn() != null);
        assertThat(h.outputTranscript()).isEqualTo("You said: Hi there");
    }

    @Test
    void noTranscriptionUnlessTheSetupEnablesIt() {
        ModelHarness h = connect(Setup.builder(ModelHarness.NATIVE_AUDIO).build(), 0);

        h.sendText("Quiet please");
        h.awaitTurnCompletes(1);

        assertThat(h.audio()).isNotEmpty();
        assertThat(h.contents()).noneMatch(c -> c.outputTranscription() != null || c.inputTranscription() != null);
    }

    @Test
    void textModalityRepliesWithTextParts() {
        Setup setup = Setup.builder("models/gemini-live-2.5-flash")
                .generationConfig(GenerationConfig.of(List.of("TEXT"), null)).build();
        ModelHarness h = connect(setup, 0);

        h.sendText("Write it down");
        h.awaitTurnCompletes(1);

        assertThat(h.audio()).isEmpty();
        String text = h.contents().stream().filter(c -> c.modelTurn() != null)
                .map(c -> c.modelTurn().parts().get(0).text()).reduce("", String::concat);
        assertThat(text).isEqualTo("You said: Write it down");
    }

    @Test
    void paceOneStreamsInRealTime() {
        ModelHarness h = connect(ModelHarness.audioSetup(ModelHarness.NATIVE_AUDIO).build(), 1.0);
        long start = System.nanoTime();

        h.sendText("Hi"); // "You said: Hi": 12 characters, 840 ms of audio
        h.awaitTurnCompletes(1);

        assertThat((System.nanoTime() - start) / 1_000_000).isGreaterThanOrEqualTo(760);
    }

    private static int indexOf(List<ServerMessage> messages, java.util.function.Predicate<ServerContent> match) {
        return IntStream.range(0, messages.size())
                .filter(i -> messages.get(i).serverContent() != null && match.test(messages.get(i).serverContent()))
                .findFirst().orElseThrow();
    }
}
