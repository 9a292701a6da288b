package io.github.camelgeminilive.audio;

/** Test signals and measurements: sine tones, level in dB, frequency by zero crossings. */
final class Signals {

    private Signals() {
    }

    /** {@code seconds} of a sine at {@code hz}, peak {@code amplitude}. */
    static short[] tone(double hz, int rate, double seconds, double amplitude) {
        short[] s = new short[(int) Math.round(rate * seconds)];
        for (int i = 0; i < s.length; i++) {
            s[i] = (short) Math.round(amplitude * Math.sin(2 * Math.PI * hz * i / rate));
        }
        return s;
    }

    /** RMS of {@code s[from, to)}. */
    static double rms(short[] s, int from, int to) {
        double sum = 0;
        for (int i = from; i < to; i++) {
            sum += (double) s[i] * s[i];
        }
        return Math.sqrt(sum / (to - from));
    }

    static double db(double ratio) {
        return 20 * Math.log10(ratio);
    }

    /** Frequency of {@code s[from, to)} in Hz from its rising zero crossings (interpolated, so exact for tones). */
    static double frequency(short[] s, int from, int to, int rate) {
        double first = -1;
        double last = -1;
        int periods = -1;
        for (int i = from + 1; i < to; i++) {
            if (s[i - 1] < 0 && s[i] >= 0) {
                last = i - 1 + (double) -s[i - 1] / (s[i] - s[i - 1]);
                first = first < 0 ? last : first;
                periods++;
            }
        }
        return periods <= 0 ? 0 : periods * rate / (last - first);
    }
}
