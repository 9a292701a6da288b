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
        assertThat(PcmMime.isPcm("audio/pcmx")).isFalse();
    }
}
