package io.github.camelgeminilive.emulator.model;

import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Reads the sample rate of a raw PCM MIME type such as {@code audio/pcm;rate=16000}. */
final class PcmFormat {

    /** The Live API's native input rate, assumed when the MIME type names none. */
    static final int DEFAULT_INPUT_RATE = 16_000;

    private static final Pattern RATE = Pattern.compile(";\\s*rate\\s*=\\s*(\\d+)");

    private PcmFormat() {
    }

    static boolean isPcm(String mimeType) {
        return mimeType != null && mimeType.toLowerCase(Locale.ROOT).startsWith("audio/pcm");
    }

    /** The declared rate, or 16000; a zero or absurd rate is rejected (1007) rather than guessed. */
    static int sampleRate(String mimeType) {
        Matcher m = RATE.matcher(mimeType == null ? "" : mimeType.toLowerCase(Locale.ROOT));
        if (!m.find()) {
            return DEFAULT_INPUT_RATE;
        }
        try {
            int rate = Integer.parseInt(m.group(1));
            if (rate >= 1_000 && rate <= 192_000) {
                return rate;
            }
        } catch (NumberFormatException e) {
            // falls through to the error below: the digits overflow an int
        }
        throw new InvalidClientInput("Unsupported PCM sample rate in MIME type '" + mimeType + "'");
    }
}
