package io.github.camelgeminilive.protocol;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.NullSource;
import org.junit.jupiter.params.provider.ValueSource;

/** Protobuf Duration strings: decimal seconds with an {@code s}, canonical output of 0, 3, 6 or 9 digits. */
class ProtoDurationTest {

    @ParameterizedTest
    @CsvSource({
            "50s, PT50S",
            "0.500s, PT0.5S",
            "0.5s, PT0.5S",
            "0s, PT0S",
            "1.000000001s, PT1.000000001S",
            "0.000001s, PT0.000001S",
            "-1.5s, PT-1.5S",
            "-0.25s, PT-0.25S",
            "' 7s ', PT7S",
            "60, PT1M",
            "3600.123456s, PT1H0.123456S",
            "315576000000s, PT87660000H"})
    void parses(String text, String expected) {
        assertThat(ProtoDuration.parse(text)).isEqualTo(Duration.parse(expected));
    }

    @ParameterizedTest
    @CsvSource({
            "PT50S, 50s",
            "PT0S, 0s",
            "PT0.5S, 0.500s",
            "PT0.05S, 0.050s",
            "PT1.25S, 1.250s",
            "PT0.000001S, 0.000001s",
            "PT0.0000015S, 0.000001500s",
            "PT0.000000001S, 0.000000001s",
            "PT-1.5S, -1.500s",
            "PT-0.25S, -0.250s",
            "PT-2S, -2s",
            "PT87660000H, 315576000000s"})
    void formatsCanonically(String duration, String expected) {
        assertThat(ProtoDuration.format(Duration.parse(duration))).isEqualTo(expected);
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "s", "abc", "1.5ms", "5m", "1.0000000001s", "1,5s", "PT5S", "--1s"})
    void rejectsWhatIsNotADuration(String text) {
        assertThatThrownBy(() -> ProtoDuration.parse(text))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("Not a protobuf Duration");
    }

    @ParameterizedTest
    @NullSource
    void rejectsNull(String text) {
        assertThatThrownBy(() -> ProtoDuration.parse(text)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void formatAndParseAreInverse() {
        for (long nanos : new long[] {0, 1, 999, 1_000, 1_000_000, 123_456_789, 1_500_000_000L, -1, -1_000_000_001L}) {
            Duration d = Duration.ofNanos(nanos);
            assertThat(ProtoDuration.parse(ProtoDuration.format(d))).as("%d ns", nanos).isEqualTo(d);
        }
    }

    @Test
    void codecWritesDurationsCanonically() {
        String written = LiveJson.get().write(ServerMessage.of(new GoAway(Duration.ofMillis(1500))));

        assertThat(written).isEqualTo("{\"goAway\":{\"timeLeft\":\"1.500s\"}}");
    }
}
