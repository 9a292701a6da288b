package io.github.camelgeminilive.audio;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class PcmMimeTest {

    @Test
    void parsesTheRateParameter() {
        assertThat(PcmMime.rate("audio/pcm;rate=24000", 16000)).isEqualTo(24000);
        assertThat(PcmMime.rate("Audio/PCM ; RATE = 8000", 16000)).isEqualTo(8000);
        assertThat(PcmMime.rate("audio/pcm", 16000)).isEqualTo(16000);
        assertThat(PcmMime.rate(" audio/pcm ;", 16000)).isEqualTo(16000);
        assertThat(PcmMime.rate("audio/pcm; channels=1; rate=22050", 16000)).isEqualTo(22050);
        assertThat(PcmMime.rate("audio/pcm;samplerate=8000", 16000)).as("only the rate parameter").isEqualTo(16000);
        assertThat(PcmMime.of(44100)).isEqualTo("audio/pcm;rate=44100");
        assertThat(PcmMime.INPUT).isEqualTo("audio/pcm;rate=16000");
    }

    @Test
    void rejectsOtherTypesAndBadRates() {
        assertThatThrownBy(() -> PcmMime.requireInput("audio/wav")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("audio/wav");
        assertThatThrownBy(() -> PcmMime.requireInput(null)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> PcmMime.rate("audio/pcm;rate=fast", 1)).hasMessageContaining("'fast'");
        assertThatThrownBy(() -> PcmMime.rate("audio/pcm;rate=0", 1)).hasMessageContaining("'0'");
        assertThatThrownBy(() -> PcmMime.rate("audio/pcm;rate=", 1)).hasMessageContaining("''");
        assertThatThrownBy(() -> PcmMime.rate("audio/pcm;rate=-8000", 1)).hasMessageContaining("'-8000'");
        assertThatThrownBy(() -> PcmMime.rate("audio/pcm;rate=99999999999", 1)).hasMessageContaining("'99999999999'");
        assertThat(PcmMime.isPcm("audio/pc")).isFalse();
        assertThat(PcmMime.isPcm("audio/pcmx")).isFalse();
    }
}
