package io.github.camelgeminilive.protocol;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.time.Duration;

/** Protobuf JSON form of a Duration: decimal seconds with an {@code s} suffix ({@code "50s"}, {@code "0.500s"}). */
public final class ProtoDuration {

    private static final BigInteger NANOS_PER_SECOND = BigInteger.valueOf(1_000_000_000L);

    private ProtoDuration() {
    }

    /**
     * Parses {@code "1.5s"}; a bare number is read as seconds too. At most nanosecond precision.
     *
     * @throws IllegalArgumentException for null, blank or anything else
     */
    public static Duration parse(String text) {
        if (text == null) {
            throw new IllegalArgumentException("Not a protobuf Duration: null");
        }
        String s = text.trim();
        if (s.endsWith("s")) {
            s = s.substring(0, s.length() - 1);
        }
        try {
            // whole nanoseconds, split into seconds and nanos so that long spans (beyond 292 years of nanos) fit
            BigInteger[] secondsAndNanos = new BigDecimal(s).movePointRight(9).toBigIntegerExact()
                    .divideAndRemainder(NANOS_PER_SECOND);
            return Duration.ofSeconds(secondsAndNanos[0].longValueExact(), secondsAndNanos[1].longValue());
        } catch (NumberFormatException | ArithmeticException e) {
            throw new IllegalArgumentException("Not a protobuf Duration: '" + text + "'", e);
        }
    }

    /** Formats as protobuf does: whole seconds plain, otherwise 3, 6 or 9 fraction digits. */
    public static String format(Duration d) {
        long seconds = d.getSeconds();
        int nanos = d.getNano();
        if (seconds < 0 && nanos > 0) {
            seconds++;
            nanos = 1_000_000_000 - nanos;
        }
        String sign = d.isNegative() && seconds == 0 ? "-" : "";
        if (nanos == 0) {
            return sign + seconds + "s";
        }
        String frac;
        if (nanos % 1_000_000 == 0) {
            frac = String.format("%03d", nanos / 1_000_000);
        } else if (nanos % 1_000 == 0) {
            frac = String.format("%06d", nanos / 1_000);
        } else {
            frac = String.format("%09d", nanos);
        }
        return sign + seconds + "." + frac + "s";
    }
}
