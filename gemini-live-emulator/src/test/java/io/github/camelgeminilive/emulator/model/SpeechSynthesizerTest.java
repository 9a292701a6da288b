package io.github.camelgeminilive.emulator.model;

import static org.assertj.core.api.Assertions.assertThat;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;
import java.util.HexFormat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class SpeechSynthesizerTest {

    /**
     * Digests of the audio the first (sample-by-sample) synthesizer rendered for these voices and texts: the faster
     * renderer must produce the same bytes, so replies sound and hash exactly as before.
     */
    @ParameterizedTest
    @CsvSource(nullValues = "null", value = {
            "null,   You said: hello,            a73993512598243de514af2f9ede2bd4d8741bf90dcb00559bdeab4a72e214ed",
            "Puck,   You said: [speech 0.10 s],  25e574c31eda54ffa3de7f6a1d6a0ef902f2c199a2092fd6c5339aaf38c2893c",
            "Kore,   '',                         f266f3935e8efa0c1ac6332da148e364917dbc03e72944b7a506ebdce33ec0dd",
            "Charon, null,                       3e09d05a580f52081de5802e4c96ecd99c58639b9a1423e195e4b2ca068c50de"})
    void rendersTheSameBytesAsTheSampleBySampleSynthesizer(String voice, String text, String sha256)
            throws NoSuchAlgorithmException {
        SpeechSynthesizer synthesizer = new SpeechSynthesizer(voice, text);
        MessageDigest digest = MessageDigest.getInstance("SHA-256");
        for (int k = 0; k < 100; k++) {
            digest.update(synthesizer.render(k * 960L, 960));
        }
        digest.update(synthesizer.render(123_457, 77)); // starts and ends inside syllables
        assertThat(HexFormat.of().formatHex(digest.digest())).isEqualTo(sha256);
    }

    @ParameterizedTest
    @CsvSource({"0, 4800", "4000, 1700", "4799, 2", "9599, 9601"})
    void anyStretchRendersAsPartOfTheWhole(long first, int count) {
        SpeechSynthesizer synthesizer = new SpeechSynthesizer("Puck", "You said: hi");
        byte[] whole = synthesizer.render(0, 20_000);
        assertThat(synthesizer.render(first, count))
                .isEqualTo(Arrays.copyOfRange(whole, (int) first * 2, (int) (first + count) * 2));
    }
}
