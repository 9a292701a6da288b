package io.github.camelgeminilive.component.audio;

import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import org.apache.camel.spi.DataType;

import io.github.camelgeminilive.audio.AudioFormat;

/**
 * The audio data types a route names in {@code transform: {fromType, toType}}: {@code gemini-live:audio-pcm-16k}
 * (the Live API's input), {@code gemini-live:audio-pcm-24k} (its output), {@code gemini-live:audio-mulaw-8k} and
 * {@code gemini-live:audio-alaw-8k} (phone lines), {@code gemini-live:audio-pcm-8k}, {@code gemini-live:audio-pcm-48k}.
 */
public final class AudioDataTypes {

    /** The data types' scheme. */
    public static final String SCHEME = "gemini-live";

    private static final Map<String, AudioFormat> FORMATS = Map.of("audio-pcm-8k", AudioFormat.PCM_8K,
            "audio-pcm-16k", AudioFormat.PCM_16K, "audio-pcm-24k", AudioFormat.PCM_24K, "audio-pcm-48k",
            AudioFormat.PCM_48K, "audio-mulaw-8k", AudioFormat.MULAW_8K, "audio-alaw-8k", AudioFormat.ALAW_8K);

    private AudioDataTypes() {
    }

    /** The format a data type names, or null when it is not one of these (or null, or any type). */
    static AudioFormat format(DataType type) {
        return type == null || !SCHEME.equals(type.getScheme()) ? null : FORMATS.get(type.getName());
    }

    /** The data type names, for messages. */
    static List<String> names() {
        return FORMATS.keySet().stream().sorted().map(n -> SCHEME + ":" + n).collect(Collectors.toList());
    }
}
