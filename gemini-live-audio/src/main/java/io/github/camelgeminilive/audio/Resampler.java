package io.github.camelgeminilive.audio;

import java.util.Arrays;
import java.util.Objects;

/**
 * Band-limited sample-rate conversion of 16-bit PCM by a rational ratio (8, 16, 24, 48 kHz and any other pair of
 * rates from {@value AudioFormat#MIN_RATE} to {@value AudioFormat#MAX_RATE} Hz): a polyphase FIR filter, a
 * Kaiser-windowed sinc designed for 70 dB stop-band attenuation, computed in {@code float}. The pass band is flat (well under 0.1 dB of
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
    private final float[] coefficients;
    /**
     * Each phase's taps from its first non-zero one, and how many: going up by an integer factor the filter is a
     * Nyquist filter, whose phase 0 is the centre tap alone (8 to 16 kHz: half the work).
     */
    private final int[] firstTap;
    private final int[] tapCount;
    /** The last {@code taps - 1} input samples, then the block being filtered. */
    private final float[] buffer;
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
            this.coefficients = new float[] {1};
        } else {
            double nyquist = Math.min(inRate, outRate) / 2.0;
            double pass = PASS_BAND * nyquist;
            // going down, stop at the new Nyquist frequency (nothing may alias); going up, stop the images of the
            // pass band, which start as far above the old Nyquist frequency as the pass band ends below it
            double stop = outRate < inRate ? nyquist : 2 * nyquist - pass;
            double filterRate = (double) inRate * up;
            double width = (stop - pass) / filterRate; // normalised transition width
            int length = (int) Math.ceil((ATTENUATION_DB - 7.95) / (14.36 * width)) + 1;
            int perPhase = (length + up - 1) / up;
            this.taps = perPhase + (perPhase & 1); // even: the centre falls on a tap of phase 0
            if ((long) taps * up > MAX_COEFFICIENTS) {
                throw new IllegalArgumentException("Resampling " + inRate + " Hz to " + outRate
                        + " Hz needs a filter of " + (long) taps * up + " coefficients, over " + MAX_COEFFICIENTS);
            }
            this.coefficients = design(up, taps, (pass + stop) / 2 / filterRate);
        }
        this.buffer = new float[taps - 1 + BLOCK];
        this.firstTap = new int[up];
        this.tapCount = new int[up];
        for (int p = 0; p < up; p++) {
            int first = 0;
            int last = taps - 1;
            while (first < last && coefficients[p * taps + first] == 0) {
                first++;
            }
            while (last > first && coefficients[p * taps + last] == 0) {
                last--;
            }
            firstTap[p] = first;
            tapCount[p] = last - first + 1;
        }
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
     * @throws IllegalArgumentException if {@code out} is too small (nothing is resampled then)
     */
    public int process(short[] in, int offset, int length, short[] out, int outOffset) {
        Objects.checkFromIndexSize(offset, length, in.length);
        int room = maxOutput(length);
        if (outOffset < 0 || out.length - outOffset < room) {
            throw new IllegalArgumentException("Output buffer too small: " + (out.length - outOffset)
                    + " samples from offset " + outOffset + ", " + room + " needed for " + length + " samples in");
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
        float[] c = coefficients;
        float[] x = buffer;
        int q = position;
        int p = phase;
        int w = outOffset;
        while (q < n) {
            int first = firstTap[p];
            int base = p * taps + first;
            int from = q + first;
            int count = tapCount[p];
            // four sums: the additions of one would wait on each other
            float a0 = 0;
            float a1 = 0;
            float a2 = 0;
            float a3 = 0;
            int i = 0;
            for (; i + 3 < count; i += 4) {
                a0 += c[base + i] * x[from + i];
                a1 += c[base + i + 1] * x[from + i + 1];
                a2 += c[base + i + 2] * x[from + i + 2];
                a3 += c[base + i + 3] * x[from + i + 3];
            }
            for (; i < count; i++) {
                a0 += c[base + i] * x[from + i];
            }
            int y = Math.round((a0 + a1) + (a2 + a3));
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
     * rate), each phase scaled to sum to 1.0 so a constant input stays constant and no phase is louder than another.
     */
    private static float[] design(int up, int taps, double cutoff) {
        int length = up * taps;
        double beta = 0.1102 * (ATTENUATION_DB - 8.7);
        // symmetric about a tap of phase 0 (taps is even), zero from |t| = centre on
        int centre = length / 2;
        double i0Beta = besselI0(beta);
        double[] h = new double[length];
        for (int j = 0; j < length; j++) {
            int t = j - centre;
            if (Math.abs(t) >= centre) {
                continue;
            }
            double sinc = t == 0 ? 2 * cutoff : Math.sin(2 * Math.PI * cutoff * t) / (Math.PI * t);
            double r = (double) t / centre;
            h[j] = sinc * besselI0(beta * Math.sqrt(Math.max(0, 1 - r * r))) / i0Beta;
        }
        float[] coefficients = new float[length];
        for (int p = 0; p < up; p++) {
            double sum = 0;
            for (int k = 0; k < taps; k++) {
                sum += h[p + k * up];
            }
            for (int k = 0; k < taps; k++) {
                // output = sum over k of h[p + k * up] * x[q - k]; stored reversed, so the filter runs forwards;
                // a tap that is zero in exact arithmetic stays zero (phase 0 going up by an integer factor)
                double v = h[p + k * up] / sum;
                coefficients[p * taps + taps - 1 - k] = Math.abs(v) < 1e-12 ? 0 : (float) v;
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
