package io.github.camelgeminilive.audio;

import java.util.Arrays;

/**
 * Band-limited sample-rate conversion of 16-bit PCM by a rational ratio (8, 16, 24, 48 kHz and any other pair of
 * rates from {@value AudioFormat#MIN_RATE} to {@value AudioFormat#MAX_RATE} Hz): a polyphase FIR filter, a
 * Kaiser-windowed sinc with at least 70 dB stop-band attenuation. The pass band is flat (well under 0.1 dB of
 * ripple) up to 85% of the lower rate's Nyquist frequency (3.4 kHz at 8 kHz); when the rate goes down, everything
 * above the new Nyquist frequency is stopped; when it goes up, the images of the pass band are.
 *
 * <p>
 * One resampler per stream: it keeps the last input samples and its position between calls, so a stream fed frame
 * by frame gives, sample for sample, the output of the whole signal in one call (no clicks at frame edges). The
 * output is delayed by half the filter's length (under 1 ms at these rates). After construction it allocates
 * nothing. Not thread-safe.
 */
public final class Resampler {

    /** Stop-band attenuation the filter is designed for, in dB (the requirement is 60; the margin covers rounding). */
    private static final double ATTENUATION_DB = 70;
    /** The pass band, as a fraction of the lower rate's Nyquist frequency. */
    private static final double PASS_BAND = 0.85;
    /** Coefficients are fixed point with this many fraction bits; the sum of one phase fits an int (checked). */
    private static final int FRACTION_BITS = 14;
    /** The most coefficients (phases x taps) a ratio may need, so odd rate pairs cannot take unbounded memory. */
    private static final int MAX_COEFFICIENTS = 1 << 20;
    /** Input samples filtered at a time: the working buffer's size, whatever the caller's frame is. */
    private static final int BLOCK = 1024;

    private final int inRate;
    private final int outRate;
    /** Up by {@code up}, down by {@code down}: the ratio in lowest terms. */
    private final int up;
    private final int down;
    private final int taps;
    /** Phase p's taps at {@code [p * taps, (p + 1) * taps)}, reversed, so the filter runs forwards over the input. */
    private final int[] coefficients;
    /** The last {@code taps - 1} input samples, then the block being filtered. */
    private final int[] buffer;
    /** The input sample (relative to the block's start) and the phase of the next output sample. */
    private int position;
    private int phase;

    /**
     * A resampler from {@code inRate} to {@code outRate} samples a second.
     *
     * @throws IllegalArgumentException for a rate out of range, or a ratio whose filter would be too large
     */
    public Resampler(int inRate, int outRate) {
        AudioFormat.checkRate(inRate);
        AudioFormat.checkRate(outRate);
        this.inRate = inRate;
        this.outRate = outRate;
        int gcd = gcd(inRate, outRate);
        this.up = outRate / gcd;
        this.down = inRate / gcd;
        if (up == down) {
            this.taps = 1;
            this.coefficients = new int[] {1 << FRACTION_BITS};
        } else {
            double nyquist = Math.min(inRate, outRate) / 2.0;
            double pass = PASS_BAND * nyquist;
            // going down, stop at the new Nyquist frequency (nothing may alias); going up, stop the images of the
            // pass band, which start as far above the old Nyquist frequency as the pass band ends below it
            double stop = outRate < inRate ? nyquist : 2 * nyquist - pass;
            double filterRate = (double) inRate * up;
            double width = (stop - pass) / filterRate; // normalised transition width
            int length = (int) Math.ceil((ATTENUATION_DB - 7.95) / (14.36 * width)) + 1;
            this.taps = (length + up - 1) / up;
            if ((long) taps * up > MAX_COEFFICIENTS) {
                throw new IllegalArgumentException("Resampling " + inRate + " Hz to " + outRate
                        + " Hz needs a filter of " + (long) taps * up + " coefficients, over " + MAX_COEFFICIENTS);
            }
            this.coefficients = design(up, taps, (pass + stop) / 2 / filterRate);
        }
        this.buffer = new int[taps - 1 + BLOCK];
    }

    /** The input rate, in Hz. */
    public int inRate() {
        return inRate;
    }

    /** The output rate, in Hz. */
    public int outRate() {
        return outRate;
    }

    /** The most samples {@link #process} writes for {@code inputSamples} samples in one call. */
    public int maxOutput(int inputSamples) {
        return (int) (((long) inputSamples * up + down - 1) / down);
    }

    /**
     * Resamples {@code length} samples of {@code in} from {@code offset}, writing to {@code out} from {@code outOffset}
     * (room for {@link #maxOutput(int) maxOutput(length)} samples).
     *
     * @return the number of samples written
     */
    public int process(short[] in, int offset, int length, short[] out, int outOffset) {
        if (length < 0 || offset < 0 || offset > in.length - length) {
            throw new IndexOutOfBoundsException("offset " + offset + ", length " + length + ", array " + in.length);
        }
        int written = 0;
        for (int done = 0; done < length; done += BLOCK) {
            int n = Math.min(BLOCK, length - done);
            for (int i = 0; i < n; i++) {
                buffer[taps - 1 + i] = in[offset + done + i];
            }
            written += filter(n, out, outOffset + written);
            // keep the last taps - 1 samples for the next block
            System.arraycopy(buffer, n, buffer, 0, taps - 1);
        }
        return written;
    }

    /** Forgets the stream: the next sample starts a new one (as if preceded by silence). */
    public void reset() {
        Arrays.fill(buffer, 0);
        position = 0;
        phase = 0;
    }

    /** Filters the {@code n} samples of the block; output sample at input position q uses buffer[q, q + taps). */
    private int filter(int n, short[] out, int outOffset) {
        int[] c = coefficients;
        int[] x = buffer;
        int k = taps;
        int q = position;
        int p = phase;
        int w = outOffset;
        while (q < n) {
            int base = p * k;
            int acc = 0;
            for (int i = 0; i < k; i++) {
                acc += c[base + i] * x[q + i];
            }
            int y = (acc + (1 << (FRACTION_BITS - 1))) >> FRACTION_BITS;
            out[w++] = (short) Math.max(Short.MIN_VALUE, Math.min(Short.MAX_VALUE, y));
            p += down;
            q += p / up;
            p %= up;
        }
        position = q - n;
        phase = p;
        return w - outOffset;
    }

    /**
     * The polyphase coefficients of a Kaiser-windowed sinc with cut-off {@code cutoff} (a fraction of the filter's
     * rate), gain {@code up}, each phase scaled to sum to exactly 1.0 so a constant input stays constant.
     */
    private static int[] design(int up, int taps, double cutoff) {
        int length = up * taps;
        double beta = 0.1102 * (ATTENUATION_DB - 8.7);
        double centre = (length - 1) / 2.0;
        double i0Beta = besselI0(beta);
        double[] h = new double[length];
        for (int j = 0; j < length; j++) {
            double t = j - centre;
            double sinc = t == 0 ? 2 * cutoff : Math.sin(2 * Math.PI * cutoff * t) / (Math.PI * t);
            double r = t / centre;
            h[j] = up * sinc * besselI0(beta * Math.sqrt(Math.max(0, 1 - r * r))) / i0Beta;
        }
        int[] coefficients = new int[length];
        int one = 1 << FRACTION_BITS;
        for (int p = 0; p < up; p++) {
            double sum = 0;
            for (int k = 0; k < taps; k++) {
                sum += h[p + k * up];
            }
            long total = 0;
            long absolute = 0;
            int largest = 0;
            for (int k = 0; k < taps; k++) {
                // output = sum over k of h[p + k * up] * x[q - k]; stored reversed: index taps - 1 - k
                int v = (int) Math.round(h[p + k * up] / sum * one);
                int index = p * taps + taps - 1 - k;
                coefficients[index] = v;
                total += v;
                absolute += Math.abs(v);
                if (Math.abs(v) > Math.abs(coefficients[p * taps + largest])) {
                    largest = taps - 1 - k;
                }
            }
            coefficients[p * taps + largest] += (int) (one - total); // exact unity gain at 0 Hz
            if ((absolute + Math.abs(one - total)) * 32768 >= Integer.MAX_VALUE) {
                throw new IllegalStateException("Filter phase could overflow: " + absolute);
            }
        }
        return coefficients;
    }

    /** The modified Bessel function of the first kind, order 0 (for the Kaiser window). */
    private static double besselI0(double x) {
        double sum = 1;
        double term = 1;
        for (int k = 1; k < 50; k++) {
            term *= (x / (2 * k)) * (x / (2 * k));
            sum += term;
            if (term < sum * 1e-17) {
                break;
            }
        }
        return sum;
    }

    private static int gcd(int a, int b) {
        return b == 0 ? a : gcd(b, a % b);
    }
}
