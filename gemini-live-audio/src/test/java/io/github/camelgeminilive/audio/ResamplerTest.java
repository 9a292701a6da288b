package io.github.camelgeminilive.audio;

import static io.github.camelgeminilive.audio.Signals.db;
import static io.github.camelgeminilive.audio.Signals.frequency;
import static io.github.camelgeminilive.audio.Signals.rms;
import static io.github.camelgeminilive.audio.Signals.tone;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.lang.management.ManagementFactory;
import java.util.Arrays;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** What a telephony engineer checks: tones keep frequency and level, nothing aliases, frames join seamlessly. */
class ResamplerTest {

    private static final int[] RATES = {8_000, 16_000, 24_000, 48_000};
    private static final double AMPLITUDE = 16_384; // -6 dBFS

    static Stream<Arguments> ratePairs() {
        return Arrays.stream(RATES).boxed()
                .flatMap(in -> Arrays.stream(RATES).filter(out -> out != in).mapToObj(out -> Arguments.of(in, out)));
    }

    static Stream<Arguments> downPairs() {
        return ratePairs().filter(a -> (int) a.get()[1] < (int) a.get()[0]);
    }

    @ParameterizedTest(name = "{0} Hz -> {1} Hz")
    @MethodSource("ratePairs")
    void aOneKilohertzToneKeepsItsFrequencyAndLevel(int in, int out) {
        short[] input = tone(1000, in, 1.0, AMPLITUDE);
        short[] output = resample(new Resampler(in, out), input);
        // skip the filter's start (well under 10 ms) and its tail
        int from = out / 20;
        int to = output.length - out / 20;
        assertThat(frequency(output, from, to, out)).isCloseTo(1000.0, within(0.5));
        double gain = db(rms(output, from, to) / rms(input, in / 20, input.length - in / 20));
        assertThat(gain).as("level change in dB").isCloseTo(0.0, within(0.5));
    }

    @ParameterizedTest(name = "{0} Hz -> {1} Hz")
    @MethodSource("downPairs")
    void tonesAboveTheNewNyquistFrequencyAreAttenuatedBySixtyDecibels(int in, int out) {
        // a sweep from just above the new Nyquist frequency to the old one: the worst case is at its start
        double nyquist = out / 2.0;
        double step = (in / 2.0 - nyquist) / 60;
        for (double hz = nyquist + 20; hz < in / 2.0; hz += step) {
            short[] input = tone(hz, in, 0.2, AMPLITUDE);
            short[] output = resample(new Resampler(in, out), input);
            double attenuation = db(rms(output, out / 20, output.length - out / 20) / rms(input, 0, input.length));
            assertThat(attenuation).as("%.0f Hz from %d Hz to %d Hz, in dB", hz, in, out).isLessThan(-60);
        }
    }

    @ParameterizedTest(name = "{0} Hz -> {1} Hz")
    @MethodSource("ratePairs")
    void framesStreamedOneByOneGiveTheWholeSignalsOutputSampleForSample(int in, int out) {
        assertFramesGiveTheWholeSignalsOutput(in, out);
    }

    @Test
    void framesOfAnOddRatioGiveTheWholeSignalsOutputToo() {
        // 160/441 and 441/160: a block holds a few cycles of the ratio, so each output is summed on its own
        assertFramesGiveTheWholeSignalsOutput(44_100, 16_000);
        assertFramesGiveTheWholeSignalsOutput(16_000, 44_100);
    }

    private static void assertFramesGiveTheWholeSignalsOutput(int in, int out) {
        short[] input = tone(1000, in, 0.3, AMPLITUDE);
        for (int i = 0; i < input.length; i += 7) {
            input[i] ^= 0x1234; // not only a tone: every sample matters
        }
        short[] whole = resample(new Resampler(in, out), input);
        for (int frame : new int[] {in / 50, 1, 37, 1500}) { // 20 ms, single samples, odd sizes, over a block
            Resampler streaming = new Resampler(in, out);
            short[] pieces = new short[whole.length + 8];
            int written = 0;
            for (int i = 0; i < input.length; i += frame) {
                int n = Math.min(frame, input.length - i);
                assertThat(streaming.maxOutput(n)).isLessThanOrEqualTo(pieces.length - written);
                written += streaming.process(input, i, n, pieces, written);
            }
            assertThat(Arrays.copyOf(pieces, written)).as("frames of %d samples", frame).isEqualTo(whole);
        }
    }

    @Test
    void twentyMillisecondFramesGiveExactlyTwentyMillisecondsOut() {
        Resampler up = new Resampler(8_000, 16_000);
        Resampler down = new Resampler(24_000, 8_000);
        short[] out = new short[1000];
        for (int frame = 0; frame < 10; frame++) {
            assertThat(up.process(new short[160], 0, 160, out, 0)).isEqualTo(320);
            assertThat(down.process(new short[480], 0, 480, out, 0)).isEqualTo(160);
        }
    }

    @Test
    void streamingAllocatesNothingAfterConstruction() {
        com.sun.management.ThreadMXBean threads = (com.sun.management.ThreadMXBean) ManagementFactory
                .getThreadMXBean();
        Resampler up = new Resampler(8_000, 16_000);
        Resampler down = new Resampler(24_000, 8_000);
        short[] in8 = tone(1000, 8_000, 0.02, AMPLITUDE);
        short[] in24 = tone(1000, 24_000, 0.02, AMPLITUDE);
        short[] out = new short[400];
        for (int i = 0; i < 20_000; i++) { // warm up: let the JIT compile both paths
            up.process(in8, 0, in8.length, out, 0);
            down.process(in24, 0, in24.length, out, 0);
        }
        long id = Thread.currentThread().getId();
        long before = threads.getThreadAllocatedBytes(id);
        for (int i = 0; i < 1_000; i++) {
            up.process(in8, 0, in8.length, out, 0);
            down.process(in24, 0, in24.length, out, 0);
        }
        long allocated = threads.getThreadAllocatedBytes(id) - before;
        // the measurement itself may allocate a few bytes once; 1000 frames allocating anything would be far more
        assertThat(allocated).isLessThan(1_000);
    }

    @Test
    void ratesAreBounded() {
        assertThatThrownBy(() -> new Resampler(4_000, 16_000)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("4000 Hz is outside 8000 to 192000 Hz");
        assertThatThrownBy(() -> new Resampler(16_000, 1_000_000)).isInstanceOf(IllegalArgumentException.class);
        // co-prime rates need a filter of up x taps coefficients: bounded
        assertThatThrownBy(() -> new Resampler(191_999, 8_000)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("coefficients");
        Resampler cd = new Resampler(44_100, 16_000); // 160/441: CD audio to the Live API
        short[] out = resample(cd, tone(1000, 44_100, 0.5, AMPLITUDE));
        assertThat(frequency(out, 800, out.length - 800, 16_000)).isCloseTo(1000.0, within(0.5));
    }

    @Test
    void aTooSmallOutputBufferIsRefusedBeforeAnythingIsResampled() {
        Resampler r = new Resampler(8_000, 16_000);
        assertThatThrownBy(() -> r.process(new short[160], 0, 160, new short[319], 0))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("320 needed for 160 samples in");
        assertThatThrownBy(() -> r.process(new short[160], 100, 100, new short[320], 0))
                .isInstanceOf(IndexOutOfBoundsException.class);
    }

    @Test
    void equalRatesCopyTheSamples() {
        short[] input = tone(1000, 16_000, 0.1, AMPLITUDE);
        assertThat(resample(new Resampler(16_000, 16_000), input)).isEqualTo(input);
    }

    @Test
    void resetStartsANewStream() {
        short[] input = tone(1000, 8_000, 0.1, AMPLITUDE);
        Resampler r = new Resampler(8_000, 16_000);
        short[] first = resample(r, input);
        r.reset();
        assertThat(resample(r, input)).isEqualTo(first);
    }

    static short[] resample(Resampler r, short[] input) {
        short[] out = new short[r.maxOutput(input.length)];
        return Arrays.copyOf(out, r.process(input, 0, input.length, out, 0));
    }
}
