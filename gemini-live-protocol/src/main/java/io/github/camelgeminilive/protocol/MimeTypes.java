package io.github.camelgeminilive.protocol;

/**
 * The MIME types of media on the wire, parsed in one place for the client, the Camel component and the emulator:
 * raw 16-bit little-endian mono PCM ({@code audio/pcm}, with an optional {@code rate} parameter, 16000 when absent;
 * other parameters such as {@code channels=1} are ignored) and the video frame types {@code image/jpeg} and
 * {@code image/png}. Case and spaces around the parts do not matter. See docs/wire-protocol.md, "Media".
 */
public final class MimeTypes {

    /** The service's native input rate. */
    public static final int PCM_INPUT_RATE = 16_000;
    /** The rate of the model's audio. */
    public static final int PCM_OUTPUT_RATE = 24_000;
    /** Default MIME type of input audio. */
    public static final String PCM_INPUT = pcm(PCM_INPUT_RATE);
    /** Default MIME type of a video frame. */
    public static final String JPEG = "image/jpeg";
    public static final String PNG = "image/png";
    /** The input types the Live API takes, for error messages. */
    public static final String SUPPORTED_INPUT = "audio/pcm;rate=<Hz> (16-bit little-endian mono PCM), image/jpeg or "
            + "image/png";

    private static final String BASE = "audio/pcm";

    private MimeTypes() {
    }

    /** {@code audio/pcm;rate=<sampleRate>}. */
    public static String pcm(int sampleRate) {
        if (sampleRate <= 0) {
            throw new IllegalArgumentException("Sample rate must be positive: " + sampleRate);
        }
        return BASE + ";rate=" + sampleRate;
    }

    /** True for {@code audio/pcm} with or without parameters (any case). */
    public static boolean isPcm(String mimeType) {
        return mimeType != null && baseEnd(mimeType) >= 0;
    }

    /**
     * The {@code rate=} parameter of a PCM MIME type, or {@code defaultRate} when it has none. Parses without
     * allocating: it runs for every audio frame.
     *
     * @throws IllegalArgumentException when the type is not {@code audio/pcm} or the rate is not a positive integer
     */
    public static int pcmRate(String mimeType, int defaultRate) {
        if (PCM_INPUT.equals(mimeType)) {
            return PCM_INPUT_RATE;
        }
        int at = mimeType == null ? -1 : baseEnd(mimeType);
        if (at < 0) {
            throw new IllegalArgumentException("Not a PCM audio MIME type (expected audio/pcm;rate=N): " + mimeType);
        }
        while (at < mimeType.length()) { // at is on a ';'
            int start = skipSpaces(mimeType, at + 1);
            int end = mimeType.indexOf(';', start);
            end = end < 0 ? mimeType.length() : end;
            int eq = mimeType.indexOf('=', start);
            if (eq > 0 && eq < end && trimmedEnd(mimeType, start, eq) - start == 4
                    && mimeType.regionMatches(true, start, "rate", 0, 4)) {
                return positiveInt(mimeType, skipSpaces(mimeType, eq + 1), trimmedEnd(mimeType, eq + 1, end));
            }
            at = end;
        }
        return defaultRate;
    }

    /** Validates an input audio MIME type ({@code audio/pcm} with optional {@code rate}); returns it unchanged. */
    public static String requirePcm(String mimeType) {
        pcmRate(mimeType, PCM_INPUT_RATE);
        return mimeType;
    }

    /** True for {@code image/jpeg} and {@code image/png} (any case, spaces and parameters ignored). */
    public static boolean isImage(String mimeType) {
        if (mimeType == null) {
            return false;
        }
        int semicolon = mimeType.indexOf(';');
        int start = skipSpaces(mimeType, 0);
        int end = trimmedEnd(mimeType, start, semicolon < 0 ? mimeType.length() : semicolon);
        return is(mimeType, start, end, JPEG) || is(mimeType, start, end, PNG);
    }

    private static boolean is(String mimeType, int start, int end, String type) {
        return end - start == type.length() && mimeType.regionMatches(true, start, type, 0, type.length());
    }

    /** Index of the first {@code ;} (or the length) when the type is {@code audio/pcm}; -1 otherwise. */
    private static int baseEnd(String mimeType) {
        int end = mimeType.indexOf(';');
        end = end < 0 ? mimeType.length() : end;
        int start = skipSpaces(mimeType, 0);
        int stop = trimmedEnd(mimeType, start, end);
        return stop - start == BASE.length() && mimeType.regionMatches(true, start, BASE, 0, BASE.length()) ? end
                : -1;
    }

    private static int positiveInt(String mimeType, int from, int to) {
        long value = 0;
        for (int i = from; i < to && value <= Integer.MAX_VALUE; i++) {
            char c = mimeType.charAt(i);
            value = c >= '0' && c <= '9' ? value * 10 + (c - '0') : Long.MAX_VALUE;
        }
        if (from >= to || value <= 0 || value > Integer.MAX_VALUE) {
            throw new IllegalArgumentException("Bad sample rate '" + mimeType.substring(from, Math.max(from, to))
                    + "' in MIME type " + mimeType);
        }
        return (int) value;
    }

    private static int skipSpaces(String s, int from) {
        int i = from;
        while (i < s.length() && Character.isWhitespace(s.charAt(i))) {
            i++;
        }
        return i;
    }

    private static int trimmedEnd(String s, int from, int to) {
        int i = to;
        while (i > from && Character.isWhitespace(s.charAt(i - 1))) {
            i--;
        }
        return i;
    }
}
