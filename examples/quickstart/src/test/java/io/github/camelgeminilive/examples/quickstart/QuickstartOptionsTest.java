package io.github.camelgeminilive.examples.quickstart;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;

import org.junit.jupiter.api.Test;

class QuickstartOptionsTest {

    @Test
    void noArgumentsGiveTheDefaults() {
        assertThat(QuickstartOptions.parse())
                .isEqualTo(new QuickstartOptions("Hello, how are you?", Path.of("quickstart-reply.wav")));
    }

    @Test
    void wordsFormThePromptAndOutMayComeAnywhere() {
        assertThat(QuickstartOptions.parse("Tell", "--out", "a.wav", "me a story"))
                .isEqualTo(new QuickstartOptions("Tell me a story", Path.of("a.wav")));
        assertThat(QuickstartOptions.parse("--out=b.wav", "Hi").wavFile()).isEqualTo(Path.of("b.wav"));
    }

    @Test
    void badArgumentsAreRejectedWithUsage() {
        assertThatThrownBy(() -> QuickstartOptions.parse("--out"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("--out needs a file name");
        assertThatThrownBy(() -> QuickstartOptions.parse("--verbose"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("Unknown option --verbose")
                .hasMessageContaining("usage:");
        assertThatThrownBy(() -> QuickstartOptions.parse("  "))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("prompt must not be blank");
    }
}
