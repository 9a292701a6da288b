package io.github.camelgeminilive.emulator.model;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import org.junit.jupiter.api.Test;

class EnergyVadTest {

    private static final int RATE = 16_000;

    /** 300 ms of speech, 500 ms of silence, 200 ms of speech, 500 ms of silence. */
    private static byte[] twoUtterances() {
        byte[] silence = new byte[RATE / 2 * 2];
        byte[] first = Pcm.speech(RATE, 300);
        byte[] second = Pcm.speech(RATE, 200);
        byte[] all = new byte[first.length + second.length + 2 * silence.length];
        System.arraycopy(first, 0, all, 0, first.length);
        System.arraycopy(second, 0, all, first.length + silence.length, second.length);
        return all;
    }

    private static List<EnergyVad.Event> feedInPieces(byte[] pcm, int piece) {
        EnergyVad vad = new EnergyVad(Duration.ofMillis(400), EnergyVad.DEFAULT_THRESHOLD);
        List<EnergyVad.Event> events = new ArrayList<>();
        for (int at = 0; at < pcm.length; at += piece) {
            events.addAll(vad.feed(Arrays.copyOfRange(pcm, at, Math.min(pcm.length, at + piece)), RATE));
        }
        return events;
    }

    @Test
    void findsEachUtteranceAndItsVoicedLength() {
        List<EnergyVad.Event> events = feedInPieces(twoUtterances(), 640);

        assertThat(events).hasSize(4);
        assertThat(events.get(0)).isInstanceOf(EnergyVad.SpeechStarted.class);
        assertThat(events.get(1)).isInstanceOf(EnergyVad.SpeechEnded.class);
        assertThat(events.get(2)).isInstanceOf(EnergyVad.SpeechStarted.class);
        assertThat(((EnergyVad.SpeechEnded) events.get(3)).speech())
                .isBetween(Duration.ofMillis(100), Duration.ofMillis(200));
    }

    @Test
    void theEventsDoNotDependOnHowTheAudioIsCut() {
        byte[] pcm = twoUtterances();
        List<EnergyVad.Event> whole = feedInPieces(pcm, pcm.length);

        // odd sizes split samples across messages; small ones split frames across many messages
        for (int piece : new int[] {1, 3, 641, 999, 6_401}) {
            assertThat(feedInPieces(pcm, piece)).as("pieces of %d bytes", piece).isEqualTo(whole);
        }
        assertThat(whole).hasSize(4);
    }
}
