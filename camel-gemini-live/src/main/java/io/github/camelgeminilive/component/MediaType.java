package io.github.camelgeminilive.component;

import java.util.Locale;
import java.util.regex.Pattern;

/** Checks the MIME type of binary input: PCM audio ({@code audio/pcm[;rate=N]}) or a JPEG/PNG video frame. */
enum MediaType {
    AUDIO,
    VIDEO;

    static final String DEFAULT_AUDIO = "audio/pcm;rate=16000";
    static final String DEFAULT_VIDEO = "image/jpeg";

    private static final Pattern PCM = Pattern.compile("audio/pcm(\\s*;\\s*rate\\s*=\\s*[1-9][0-9]{0,6})?");

    /** The kind of {@code mimeType}, or an {@link IllegalArgumentException} naming the supported types. */
    static MediaType of(String mimeType) {
        String m = mimeType.trim().toLowerCase(Locale.ROOT);
        if (PCM.matcher(m).matches()) {
            return AUDIO;
        }
        if (m.equals("image/jpeg") || m.equals("image/png")) {
            return VIDEO;
        }
        throw new IllegalArgumentException("Unsupported " + GeminiLiveConstants.MIME_TYPE + " '" + mimeType
                                           + "': use audio/pcm;rate=<Hz> (16-bit little-endian mono PCM), image/jpeg or"
                                           + " image/png");
    }
}
