package io.github.camelgeminilive.protocol;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class MimeTypesTest {

    @Test
    void parsesTheRateParameter() {
        assertThat(MimeTypes.pcmRate("audio/pcm;rate=24000", 16000)).isEqualTo(24000);
        assertThat(MimeTypes.pcmRate("Audio/PCM ; RATE = 8000", 16000)).isEqualTo(8000);
        assertThat(MimeTypes.pcmRate("audio/pcm", 16000)).isEqualTo(16000);
        assertThat(MimeTypes.pcmRate(" audio/pcm ;", 16000)).isEqualTo(16000);
        assertThat(MimeTypes.pcmRate("audio/pcm; channels=1; rate=22050", 16000)).isEqualTo(22050);
        assertThat(MimeTypes.pcmRate("audio/pcm;samplerate=8000", 16000)).as("only the rate parameter")
                .isEqualTo(16000);
        assertThat(MimeTypes.pcm(44100)).isEqualTo("audio/pcm;rate=44100");
        assertThat(MimeTypes.PCM_INPUT).isEqualTo("audio/pcm;rate=16000");
    }

    @Test
    void rejectsOtherTypesAndBadRates() {
        assertThatThrownBy(() -> MimeTypes.requirePcm("audio/wav")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("audio/wav");
        assertThatThrownBy(() -> MimeTypes.requirePcm(null)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> MimeTypes.pcmRate("audio/pcm;rate=fast", 1)).hasMessageContaining("'fast'");
        assertThatThrownBy(() -> MimeTypes.pcmRate("audio/pcm;rate=0", 1)).hasMessageContaining("'0'");
        assertThatThrownBy(() -> MimeTypes.pcmRate("audio/pcm;rate=", 1)).hasMessageContaining("''");
        assertThatThrownBy(() -> MimeTypes.pcmRate("audio/pcm;rate=-8000", 1)).hasMessageContaining("'-8000'");
        assertThatThrownBy(() -> MimeTypes.pcmRate("audio/pcm;rate=99999999999", 1))
                .hasMessageContaining("'99999999999'");
        assertThat(MimeTypes.isPcm("audio/pc")).isFalse();
        assertThat(MimeTypes.isPcm("audio/pcmx")).isFalse();
    }

    @Test
    void ignoresOtherParametersOfPcm() {
        assertThat(MimeTypes.pcmRate("audio/pcm;rate=16000;channels=1", 8000)).isEqualTo(16000);
        assertThat(MimeTypes.requirePcm("AUDIO/PCM; channels=1")).isEqualTo("AUDIO/PCM; channels=1");
    }

    @Test
    void knowsTheImageTypes() {
        assertThat(MimeTypes.isImage("image/jpeg")).isTrue();
        assertThat(MimeTypes.isImage(" Image/PNG ")).isTrue();
        assertThat(MimeTypes.isImage("image/jpeg; q=1")).as("parameters ignored, as for PCM").isTrue();
        assertThat(MimeTypes.isImage("image/gif")).isFalse();
        assertThat(MimeTypes.isImage("image/pngx")).isFalse();
        assertThat(MimeTypes.isImage("audio/pcm")).isFalse();
        assertThat(MimeTypes.isImage(null)).isFalse();
    }
}
