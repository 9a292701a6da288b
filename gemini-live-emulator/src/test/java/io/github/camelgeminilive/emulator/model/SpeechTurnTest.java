package io.github.camelgeminilive.emulator.model;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import io.github.camelgeminilive.protocol.Blob;
import io.github.camelgeminilive.protocol.RealtimeInput;
import io.github.camelgeminilive.protocol.RealtimeInputConfig;
import io.github.camelgeminilive.protocol.RealtimeInputConfig.AutomaticActivityDetection;
import io.github.camelgeminilive.protocol.Setup;

/** User turns found in realtime audio: energy VAD, manual activity signals, audioStreamEnd. */
class SpeechTurnTest extends ModelTestBase {

    private static byte[] concat(byte[] a, byte[] b) {
        byte[] both = Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, both, a.length, b.length);
        return both;
    }

    private static Setup vadSetup(Integer silenceMs) {
        return ModelHarness.audioSetup(ModelHarness.NATIVE_AUDIO)
                .realtimeInputConfig(new RealtimeInputConfig(
                        new AutomaticActivityDetection(null, null, null, null, silenceMs), null, null))
                .build();
    }

    private static Setup manualSetup() {
        return ModelHarness.audioSetup(ModelHarness.NATIVE_AUDIO)
                .realtimeInputConfig(new RealtimeInputConfig(
                        new AutomaticActivityDetection(true, null, null, null, null), null, null))
                .build();
    }

    @ParameterizedTest
    @ValueSource(ints = {8_000, 16_000, 24_000, 44_100, 48_000})
    void speechThenSilenceEndsTheUserTurnAtAnyRate(int rate) {
        ModelHarness h = connect(vadSetup(null), 0);

        h.sendAudio(Pcm.silence(rate, 300), rate);
        h.sendAudio(Pcm.speech(rate, 1200), rate);
        h.sendAudio(Pcm.silence(rate, 700), rate);
        assertThat(h.inputTranscripts()).as("700 ms of silence is less than the default 800 ms").isEmpty();
        assertThat(h.messages()).isEmpty();

        h.sendAudio(Pcm.silence(rate, 200), rate);
        assertThat(h.inputTranscripts()).singleElement().satisfies(t -> {
            assertThat(t).matches("\\[speech \\d\\.\\d\\d s\\]");
            double seconds = Double.parseDouble(t.substring(8, 12));
            assertThat(seconds).isBetween(1.0, 1.2);
        });
        h.awaitTurnCompletes(1);
        assertThat(h.outputTranscript()).isEqualTo("You said: " + h.inputTranscripts().get(0));
        assertThat(h.audio()).isNotEmpty();
    }

    @Test
    void framesSplitAtOddByteBoundariesAndDeprecatedMediaChunksAreHeardToo() {
        ModelHarness h = connect(vadSetup(null), 0);
        byte[] pcm = concat(Pcm.speech(16_000, 1000), Pcm.silence(16_000, 900));

        for (int off = 0; off < pcm.length; off += 333) {
            byte[] part = Arrays.copyOfRange(pcm, off, Math.min(pcm.length, off + 333));
            h.send(new RealtimeInput(null, null, null, null, null, null,
                    List.of(new Blob("audio/pcm;rate=16000", part))));
        }

        assertThat(h.inputTranscripts()).singleElement().satisfies(t -> assertThat(t).startsWith("[speech 0.9"));
        h.awaitTurnCompletes(1);
    }

    @ParameterizedTest
    @ValueSource(strings = {"audio/pcm;rate=0", "audio/pcm;rate=999", "audio/pcm;rate=192001",
            "audio/pcm;rate=99999999999", "audio/pcm;rate=16k", "audio/wav"})
    void anUnusableSampleRateIsRejected(String mimeType) {
        ModelHarness h = connect(vadSetup(null), 0);

        h.send(RealtimeInput.ofAudio(new Blob(mimeType, new byte[320])));

        assertThat(h.out.closeCode()).isEqualTo(1007);
        assertThat(h.out.closeReason()).contains(mimeType);
    }

    @Test
    void ratesOutsideTheServicesRangeAreRefusedNamingTheRange() {
        ModelHarness h = connect(vadSetup(null), 0);

        h.send(RealtimeInput.ofAudio(new Blob("audio/pcm;rate=500", new byte[320])));

        assertThat(h.out.closeReason()).contains("1000 to 192000 Hz");
    }

    @Test
    void theRateIsReadBesideOtherParameters() {
        ModelHarness h = connect(vadSetup(null), 0);
        byte[] pcm = concat(Pcm.speech(8_000, 1000), Pcm.silence(8_000, 900));

        for (int off = 0; off < pcm.length; off += 1600) {
            byte[] part = Arrays.copyOfRange(pcm, off, Math.min(pcm.length, off + 1600));
            h.send(RealtimeInput.ofAudio(new Blob("audio/pcm;channels=1;rate=8000", part)));
        }

        assertThat(h.inputTranscripts()).as("8000 Hz, not the default 16000: a second of speech, not half")
                .singleElement().satisfies(t -> assertThat(Double.parseDouble(t.substring(8, 12))).isBetween(0.8, 1.2));
    }

    @Test
    void aPauseShorterThanTheSilenceDurationDoesNotSplitTheTurn() {
        ModelHarness h = connect(vadSetup(null), 0);

        h.sendAudio(Pcm.speech(16_000, 600), 16_000);
        h.sendAudio(Pcm.silence(16_000, 500), 16_000);
        h.sendAudio(Pcm.speech(16_000, 600), 16_000);
        h.sendAudio(Pcm.silence(16_000, 900), 16_000);

        assertThat(h.inputTranscripts()).singleElement().satisfies(t -> {
            double seconds = Double.parseDouble(t.substring(8, 12));
            assertThat(seconds).as("both utterances and the pause between them").isBetween(1.5, 1.7);
        });
    }

    @Test
    void silenceDurationComesFromTheSetup() {
        ModelHarness h = connect(vadSetup(300), 0);

        h.sendAudio(Pcm.speech(16_000, 800), 16_000);
        h.sendAudio(Pcm.silence(16_000, 200), 16_000);
        assertThat(h.inputTranscripts()).isEmpty();
        h.sendAudio(Pcm.silence(16_000, 200), 16_000);

        assertThat(h.inputTranscripts()).hasSize(1);
        h.awaitTurnCompletes(1);
    }

    @Test
    void silenceAloneIsNoTurn() {
        ModelHarness h = connect(vadSetup(null), 0);

        h.sendAudio(Pcm.silence(16_000, 3000), 16_000);
        h.send(RealtimeInput.ofAudioStreamEnd());

        assertThat(h.messages()).isEmpty();
    }

    @Test
    void audioStreamEndEndsSpeechInProgress() {
        ModelHarness h = connect(vadSetup(null), 0);

        h.sendAudio(Pcm.speech(16_000, 600), 16_000);
        assertThat(h.inputTranscripts()).isEmpty();
        h.send(RealtimeInput.ofAudioStreamEnd());

        assertThat(h.inputTranscripts()).singleElement().asString().startsWith("[speech 0.");
        h.awaitTurnCompletes(1);
    }

    @Test
    void manualActivityDelimitsTheTurnWhateverTheAudioSounds() {
        ModelHarness h = connect(manualSetup(), 0);

        h.send(RealtimeInput.ofActivityStart());
        h.sendAudio(Pcm.silence(16_000, 500), 16_000);
        h.sendAudio(Pcm.speech(24_000, 500), 24_000);
        assertThat(h.messages()).isEmpty();
        h.send(RealtimeInput.ofActivityEnd());

        assertThat(h.inputTranscripts()).containsExactly("[speech 1.00 s]");
        h.awaitTurnCompletes(1);
        assertThat(h.outputTranscript()).isEqualTo("You said: [speech 1.00 s]");
    }

    @Test
    void activitySignalsNeedManualMode() {
        ModelHarness h = connect(vadSetup(null), 0);

        h.send(RealtimeInput.ofActivityStart());

        assertThat(h.out.closeCode()).isEqualTo(1007);
        assertThat(h.out.closeReason()).contains("activityStart").contains("automaticActivityDetection");
    }

    @Test
    void activityEndWithoutStartIsRejected() {
        ModelHarness h = connect(manualSetup(), 0);

        h.send(RealtimeInput.ofActivityEnd());

        assertThat(h.out.closeCode()).isEqualTo(1007);
        assertThat(h.out.closeReason()).contains("activityEnd without");
    }

    @Test
    void inputTranscriptionOnlyWhenEnabled() {
        Setup setup = Setup.builder(ModelHarness.NATIVE_AUDIO).outputAudioTranscription(true).build();
        ModelHarness h = connect(setup, 0);

        h.sendAudio(Pcm.speech(16_000, 600), 16_000);
        h.send(RealtimeInput.ofAudioStreamEnd());
        h.awaitTurnCompletes(1);

        assertThat(h.inputTranscripts()).isEmpty();
        assertThat(h.outputTranscript()).startsWith("You said: [speech 0.");
    }

    @Test
    void explicitVadSignalsMarkSpeechStartAndEnd() {
        Setup setup = Setup.builder(ModelHarness.NATIVE_AUDIO).explicitVadSignal(true).build();
        ModelHarness h = connect(setup, 0);

        h.sendAudio(Pcm.speech(16_000, 600), 16_000);
        h.sendAudio(Pcm.silence(16_000, 900), 16_000);

        List<String> signals = h.messages().stream().filter(m -> m.voiceActivityDetectionSignal() != null)
                .map(m -> m.voiceActivityDetectionSignal().vadSignalType()).toList();
        assertThat(signals).containsExactly("VAD_SIGNAL_TYPE_SOS", "VAD_SIGNAL_TYPE_EOS");
    }
}
