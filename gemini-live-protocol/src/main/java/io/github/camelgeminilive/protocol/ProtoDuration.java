package io.github.camelgeminilive.protocol;

import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Protobuf JSON form of a Duration: decimal seconds with an {@code s} suffix ({@code "50s"}, {@code "0.500s"}). */
public final class ProtoDuration {

    /** Protobuf's limit: 10,000 years. */
    private static final long MAX_SECONDS = 315_576_000_000L;

    private static final Pattern GRAMMAR = Pattern.compile("(-?)(\\d{1,12})(?:\\.(\\d{1,9}))?s?");
    /** The longest text the grammar matches: sign, 12 digits, point, 9 digits, {@code s}. */
    private static final int MAX_TEXT_CHARS = 24;

    private ProtoDuration() {
    }

    /**
     * Parses {@code "1.5s"}; a bare number is read as seconds too. The grammar is protobuf's, {@code -?\d{1,12}(\.
     * \d{1,9})?s}, within its range of +-315,576,000,000 seconds: anything else is refused before any
     * arithmetic, so hostile text such as {@code "1e999999999s"} costs no more than a short string.
     *
     * @throws IllegalArgumentException for null, blank or anything else; the message shows at most a short prefix
     */
    public static Duration parse(String text) {
        if (text == null) {
            throw new IllegalArgumentException("Not a protobuf Duration: null");
        }
        String s = text.trim();
        Matcher m = GRAMMAR.matcher(s);
        if (s.length() > MAX_TEXT_CHARS || !m.matches()) {
            throw new IllegalArgumentException("Not a protobuf Duration: '" + Excerpt.of(text)
                    + "' (expected seconds such as 5s or -0.250s: up to 12 digits and 9 fraction digits)");
        }
        long seconds = Long.parseLong(m.group(2));
        if (seconds > MAX_SECONDS) {
            throw new IllegalArgumentException("Not a protobuf Duration: '" + Excerpt.of(text)
                    + "' is beyond protobuf's range of +-" + MAX_SECONDS + "s");
        }
        long nanos = m.group(3) == null ? 0 : Long.parseLong((m.group(3) + "00000000").substring(0, 9));
        return m.group(1).isEmpty() ? Duration.ofSeconds(seconds, nanos) : Duration.ofSeconds(-seconds, -nanos);
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
