package io.github.camelgeminilive.benchmarks.load;

/**
 * p50, p99 and max of a set of latency samples, in milliseconds.
 *
 * @param count samples
 */
public record Percentiles(long count, double p50, double p99, double max) {

    static final Percentiles NONE = new Percentiles(0, Double.NaN, Double.NaN, Double.NaN);

    static Percentiles ofNanos(LongList samples) {
        long[] s = samples.sorted();
        if (s.length == 0) {
            return NONE;
        }
        return new Percentiles(s.length, ms(s[rank(s.length, 0.50)]), ms(s[rank(s.length, 0.99)]),
                ms(s[s.length - 1]));
    }

    /** Nearest-rank percentile index. */
    private static int rank(int n, double p) {
        return Math.max(0, (int) Math.ceil(p * n) - 1);
    }

    private static double ms(long nanos) {
        return nanos / 1e6;
    }
}
