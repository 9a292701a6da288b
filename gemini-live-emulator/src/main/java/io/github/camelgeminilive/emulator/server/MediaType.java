package io.github.camelgeminilive.emulator.server;

import java.util.Locale;
import java.util.regex.Pattern;

/** The MIME types the Live API takes as input: {@code audio/pcm} (optionally {@code ;rate=N}), JPEG and PNG. */
enum MediaType {
    AUDIO_PCM,
    IMAGE;

    private static final Pattern PCM = Pattern.compile("audio/pcm(?:\\s*;\\s*rate\\s*=\\s*[1-9][0-9]{0,6})?");

    static final String EXPECTED = "audio/pcm (optionally ;rate=N), image/jpeg or image/png";

    /** The kind of a MIME type, or null when the service does not take it. */
    static MediaType of(String mimeType) {
        String m = mimeType.trim().toLowerCase(Locale.ROOT);
        if (m.equals("image/jpeg") || m.equals("image/png")) {
            return IMAGE;
        }
        return PCM.matcher(m).matches() ? AUDIO_PCM : null;
    }
}
