package io.github.camelgeminilive.audio;

import java.util.Locale;

/**
 * MIME types of raw 16-bit little-endian mono PCM as the Live API writes them: {@code audio/pcm;rate=16000}.
 */
public final class PcmMime {

    /** The service's native input rate. */
    public static final int INPUT_RATE = 16_000;
    /** The rate of the model's audio. */
    public static final int OUTPUT_RATE = 24_000;
    /** Default MIME type of input audio. */
    public static final String INPUT = of(INPUT_RATE);

    private static final String BASE = "audio/pcm";

    private PcmMime() {
    }

    /** {@code audio/pcm;rate=<sampleRate>}. */
    public static String of(int sampleRate) {
        if (sampleRate <= 0) {
            throw new IllegalArgumentException("Sample rate must be positive: " + sampleRate);
        }
        return BASE + ";rate=" + sampleRate;
    }

    /** True for {@code audio/pcm} with or without parameters (any case). */
    public static boolean isPcm(String mimeType) {
        return mimeType != null && baseType(mimeType).equals(BASE);
    }

    /**
     * The {@code rate=} parameter of a PCM MIME type, or {@code defaultRate} when it has none.
     *
     * @throws IllegalArgumentException when the type is not {@code audio/pcm} or the rate is not a positive integer
     */
    public static int rate(String mimeType, int defaultRate) {
        if (!isPcm(mimeType)) {
            throw new IllegalArgumentException("Not a PCM audio MIME type (expected audio/pcm;rate=N): " + mimeType);
        }
        String[] parts = mimeType.split(";");
        for (int i = 1; i < parts.length; i++) {
            String p = parts[i].trim();
            int eq = p.indexOf('=');
            if (eq > 0 && p.substring(0, eq).trim().equalsIgnoreCase("rate")) {
                String value = p.substring(eq + 1).trim();
                try {
                    int rate = Integer.parseInt(value);
                    if (rate > 0) {
                        return rate;
                    }
                } catch (NumberFormatException ignored) {
                    // reported below
                }
                throw new IllegalArgumentException("Bad sample rate '" + value + "' in MIME type " + mimeType);
            }
        }
        return defaultRate;
    }

    /** Validates an input audio MIME type ({@code audio/pcm} with optional {@code rate}); returns it unchanged. */
    public static String requireInput(String mimeType) {
        rate(mimeType, INPUT_RATE);
        return mimeType;
    }

    private static String baseType(String mimeType) {
        int semi = mimeType.indexOf(';');
        return (semi < 0 ? mimeType : mimeType.substring(0, semi)).trim().toLowerCase(Locale.ROOT);
    }
}
