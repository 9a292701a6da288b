package io.github.camelgeminilive.audio;

import java.util.Arrays;
import java.util.Objects;

/**
 * Band-limited sample-rate conversion of 16-bit PCM by a rational ratio (8, 16, 24, 48 kHz and any other pair of
 * rates from {@value AudioFormat#MIN_RATE} to {@value AudioFormat#MAX_RATE} Hz): a polyphase FIR filter, a
 * Kaiser-windowed sinc designed for 70 dB stop-band attenuation, computed in {@code float}. The pass band is flat
 * (well under 0.1 dB of ripple) up to 85% of the lower rate's Nyquist frequency (3.4 kHz at 8 kHz); when the rate
 * goes down, everything above the new Nyquist frequency is stopped; when it goes up, the images of the pass band are.
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
    /** Input samples filtered at a time (at least one cycle)... */
    private static final int BLOCK = 1024;
    /** ...and at most so many cycles (20 ms at 16 kHz): the working buffers' size, whatever the caller's frame. */
    private static final int MAX_BLOCK_CYCLES = 320;
    /** Taps summed in one pass over a slot's outputs. */
    private static final int TAPS_PER_PASS = 4;
    /** Fewer outputs of a slot than this are summed one by one: a pass over all of them would cost more. */
    private static final int MIN_PASS = 16;

    private final int inRate;
    private final int outRate;
    /** Up by {@code up}, down by {@code down}: the ratio in lowest terms. */
    private final int up;
    private final int down;
    /**
     * The output comes in cycles of {@code up} samples, one per slot, for every {@code down} input samples. Slot i's
     * newest input sample is sample {@code newest[i] = i * down / up} of the cycle (its output is ready once that
     * sample has come); its taps are phase {@code i * down % up} of the filter.
     */
    private final int[] newest;
    /**
     * Slot i's taps are steps {@code [slotSteps[i], slotSteps[i + 1])}, newest sample first, leading and trailing
     * zeros left out, then zeros up to a multiple of {@value #TAPS_PER_PASS}. For the block's first cycle, step s
     * multiplies by {@code stepCoefficient[s]} the entry {@code stepInput[s]} of {@link #input}; for cycle m, the entry
     * m further on.
     */
    private final int[] slotSteps;
    private final float[] stepCoefficient;
    private final int[] stepInput;
    /** Cycles before a block's first that its outputs reach back to. */
    private final int history;
    /** Whole cycles filtered at a time. */
    private final int blockCycles;
    /**
     * The input split by its place in the cycle into {@code down} regions of {@link #region} entries: region r holds
     * sample r of every cycle, the history's cycles, then the block's, then the cycle after them (which may be partly
     * filled). So a tap of a slot reads consecutive entries of one region from one output to the next.
     */
    private final float[] input;
    private final int region;
    /**
     * A slot's sums for the block's outputs, and the inputs of {@value #TAPS_PER_PASS} taps for them: the input a tap
     * reads for each output, copied from its region to the start of an array of its own, so the pass that sums them
     * reads and writes every array at the same index, which the JIT compiles to SIMD instructions (it does not when one
     * array is read at an offset from another).
     */
    private final float[] sums;
    private final float[][] windows;
    /** Samples of the current cycle received so far (0 to down - 1): its slots whose newest sample came are done. */
    private int filled;

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
        int taps;
        float[] filter;
        if (up == down) {
            taps = 1;
            filter = new float[] {1};
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
            taps = perPhase + (perPhase & 1); // even: the centre falls on a tap of phase 0
            if ((long) taps * up > MAX_COEFFICIENTS) {
                throw new IllegalArgumentException("Resampling " + inRate + " Hz to " + outRate
                        + " Hz needs a filter of " + (long) taps * up + " coefficients, over " + MAX_COEFFICIENTS);
            }
            filter = design(up, taps, (pass + stop) / 2 / filterRate);
        }
        this.history = (taps - 1 + down - 1) / down;
        this.blockCycles = Math.max(1, Math.min(MAX_BLOCK_CYCLES, BLOCK / down));
        this.region = history + blockCycles + 1;
        this.input = new float[down * region];
        this.sums = new float[blockCycles + 1];
        this.windows = new float[TAPS_PER_PASS][blockCycles + 1];
        this.newest = new int[up];
        this.slotSteps = new int[up + 1];
        float[] coefficient = new float[up * (taps + TAPS_PER_PASS)];
        int[] place = new int[coefficient.length];
        int steps = 0;
        for (int i = 0; i < up; i++) {
            newest[i] = (int) ((long) i * down / up);
            int phase = (int) ((long) i * down % up) * taps;
            // coefficient k of a phase multiplies the sample taps - 1 - k before the newest
            int first = 0;
            int last = taps - 1;
            while (first < last && filter[phase + first] == 0) {
                first++;
            }
            while (last > first && filter[phase + last] == 0) {
                last--;
            }
            for (int k = last; k >= first; k--) {
                coefficient[steps] = filter[phase + k];
                place[steps++] = newest[i] - (taps - 1 - k); // the sample's place from the output cycle's start
            }
            while (steps % TAPS_PER_PASS != 0) {
                place[steps++] = newest[i]; // a zero tap: adds nothing
            }
            slotSteps[i + 1] = steps;
        }
        this.stepCoefficient = Arrays.copyOf(coefficient, steps);
        this.stepInput = new int[steps];
        for (int s = 0; s < steps; s++) {
            stepInput[s] = Math.floorMod(place[s], down) * region + history + Math.floorDiv(place[s], down);
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
        for (int done = 0; done < length;) {
            int n = Math.min(blockCycles * down - filled, length - done);
            int r = filled;
            int at = r * region + history;
            for (int j = offset + done, end = j + n; j < end; j++) {
                input[at] = in[j];
                at += region;
                if (++r == down) { // the next cycle's first sample
                    r = 0;
                    at -= down * region - 1;
                }
            }
            written += filter(n, out, outOffset + written);
            done += n;
        }
        return written;
    }

    /** Forgets the stream: the next sample starts a new one (as if preceded by silence). */
    public void reset() {
        Arrays.fill(input, 0);
        filled = 0;
    }

    /**
     * Filters a block of {@code n} new samples, already in the input: writes, in order, each output whose newest
     * sample has come, then keeps the history and the unfinished cycle for the next block.
     */
    private int filter(int n, short[] out, int outOffset) {
        int total = filled + n;
        int cycles = total / down;
        int rest = total % down;
        int before = done(filled);
        for (int i = 0; i < up; i++) {
            int from = newest[i] < filled ? 1 : 0; // slot i of the current cycle was written with the last block
            int to = cycles + (newest[i] < rest ? 1 : 0);
            if (from < to) {
                sum(i, from, to - from);
                for (int m = from, w = outOffset + m * up + i - before; m < to; m++, w += up) {
                    float y = Math.max(Short.MIN_VALUE, Math.min(Short.MAX_VALUE, sums[m - from]));
                    out[w] = (short) (y + (y < 0 ? -0.5f : 0.5f)); // rounded half away from zero
                }
            }
        }
        if (cycles > 0) { // the cycle after the last whole one becomes the block's first
            for (int r = 0; r < down * region; r += region) {
                System.arraycopy(input, r + cycles, input, r, history + 1);
            }
        }
        filled = rest;
        return cycles * up + done(rest) - before;
    }

    /** Slots of a cycle done once its first {@code samples} samples have come. */
    private int done(int samples) {
        return (int) (((long) samples * up + down - 1) / down);
    }

    /**
     * Sums slot {@code slot}'s outputs for {@code count} cycles from cycle {@code from} of the block into
     * {@link #sums}: in passes of {@value #TAPS_PER_PASS} taps over all of them, or one by one when they are too few
     * for passes to pay. Either way each output's products are added in the same order, so the output does not depend
     * on how the stream was cut into frames.
     */
    private void sum(int slot, int from, int count) {
        float[] s = sums;
        int first = slotSteps[slot];
        int end = slotSteps[slot + 1];
        int at = from;
        if (count < MIN_PASS) {
            for (int m = 0; m < count; m++, at++) {
                float y = 0;
                for (int k = first; k < end; k += TAPS_PER_PASS) {
                    y += (product(k, at) + product(k + 1, at)) + (product(k + 2, at) + product(k + 3, at));
                }
                s[m] = y;
            }
            return;
        }
        Arrays.fill(s, 0, count, 0);
        float[] x0 = windows[0];
        float[] x1 = windows[1];
        float[] x2 = windows[2];
        float[] x3 = windows[3];
        for (int k = first; k < end; k += TAPS_PER_PASS) {
            for (int t = 0; t < TAPS_PER_PASS; t++) {
                if (stepCoefficient[k + t] != 0) { // a zero tap's window may hold anything finite
                    System.arraycopy(input, stepInput[k + t] + at, windows[t], 0, count);
                }
            }
            float c0 = stepCoefficient[k];
            float c1 = stepCoefficient[k + 1];
            float c2 = stepCoefficient[k + 2];
            float c3 = stepCoefficient[k + 3];
            for (int m = 0; m < count; m++) {
                s[m] += (c0 * x0[m] + c1 * x1[m]) + (c2 * x2[m] + c3 * x3[m]);
            }
        }
    }

    /** Step k's product for the output of the block's cycle {@code at}. */
    private float product(int k, int at) {
        return stepCoefficient[k] * input[stepInput[k] + at];
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
            int d = Math.abs(t); // even in t, bit for bit
            double sinc = d == 0 ? 2 * cutoff : Math.sin(2 * Math.PI * cutoff * d) / (Math.PI * d);
            double r = (double) d / centre;
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
