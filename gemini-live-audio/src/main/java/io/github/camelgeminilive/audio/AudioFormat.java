package io.github.camelgeminilive.audio;

import java.util.Locale;
import java.util.Objects;

/**
 * A mono audio stream's format: its encoding and sample rate, written as a MIME type such as
 * {@code audio/pcm;rate=16000} (what the Live API takes) or {@code audio/x-mulaw;rate=8000} (a phone line).
 *
 * @param encoding   how samples are coded
 * @param sampleRate samples a second, {@value #MIN_RATE} to {@value #MAX_RATE}
 */
public record AudioFormat(Encoding encoding, int sampleRate) {

    /** The lowest sample rate accepted (telephony). */
    public static final int MIN_RATE = 8_000;
    /** The highest sample rate accepted (studio). */
    public static final int MAX_RATE = 192_000;

    /** mu-law at 8 kHz: PSTN in North America and Japan, Twilio Media Streams, RTP payload type 0. */
    public static final AudioFormat MULAW_8K = new AudioFormat(Encoding.MULAW, 8_000);
    /** A-law at 8 kHz: PSTN elsewhere, RTP payload type 8. */
    public static final AudioFormat ALAW_8K = new AudioFormat(Encoding.ALAW, 8_000);
    /** 16-bit PCM at 8 kHz. */
    public static final AudioFormat PCM_8K = new AudioFormat(Encoding.PCM, 8_000);
    /** 16-bit PCM at 16 kHz: the Live API's input. */
    public static final AudioFormat PCM_16K = new AudioFormat(Encoding.PCM, 16_000);
    /** 16-bit PCM at 24 kHz: the Live API's output. */
    public static final AudioFormat PCM_24K = new AudioFormat(Encoding.PCM, 24_000);
    /** 16-bit PCM at 48 kHz. */
    public static final AudioFormat PCM_48K = new AudioFormat(Encoding.PCM, 48_000);

    /** The longest MIME type text parsed, so a header cannot make us scan megabytes. */
    private static final int MAX_MIME_LENGTH = 200;

    /** Sample encodings. */
    public enum Encoding {
        /** 16-bit signed little-endian linear PCM, {@code audio/pcm}. */
        PCM("audio/pcm", 2),
        /** G.711 mu-law, one byte a sample, {@code audio/x-mulaw}. */
        MULAW("audio/x-mulaw", 1),
        /** G.711 A-law, one byte a sample, {@code audio/x-alaw}. */
        ALAW("audio/x-alaw", 1);

        private final String mimeType;
        private final int bytesPerSample;

        Encoding(String mimeType, int bytesPerSample) {
            this.mimeType = mimeType;
            this.bytesPerSample = bytesPerSample;
        }

        /** The MIME type without parameters, e.g. {@code audio/x-mulaw}. */
        public String mimeType() {
            return mimeType;
        }

        /** Bytes per sample: 2 for PCM, 1 for G.711. */
        public int bytesPerSample() {
            return bytesPerSample;
        }

        /** The G.711 law of this encoding, or null for PCM. */
        G711 law() {
            return this == MULAW ? G711.MU_LAW : this == ALAW ? G711.A_LAW : null;
        }
    }

    public AudioFormat {
        Objects.requireNonNull(encoding, "encoding");
        checkRate(sampleRate);
    }

    /**
     * Parses a MIME type: {@code audio/pcm;rate=16000} (also {@code audio/l16}), {@code audio/x-mulaw},
     * {@code audio/pcmu} or {@code audio/basic}, {@code audio/x-alaw} or {@code audio/pcma}; parameters are separated
     * by {@code ;}, case and spaces do not matter. G.711 without a rate is 8 kHz; PCM needs its rate.
     *
     * @throws IllegalArgumentException for any other text, naming what was wrong
     */
    public static AudioFormat parse(String mimeType) {
        Objects.requireNonNull(mimeType, "mimeType");
        if (mimeType.length() > MAX_MIME_LENGTH) {
            throw new IllegalArgumentException("Audio format of " + mimeType.length() + " characters, over "
                    + MAX_MIME_LENGTH);
        }
        String[] parts = mimeType.split(";");
        String type = parts[0].trim().toLowerCase(Locale.ROOT);
        Encoding encoding = switch (type) {
            case "audio/pcm", "audio/l16" -> Encoding.PCM;
            case "audio/x-mulaw", "audio/mulaw", "audio/pcmu", "audio/basic" -> Encoding.MULAW;
            case "audio/x-alaw", "audio/alaw", "audio/pcma" -> Encoding.ALAW;
            default -> throw new IllegalArgumentException("Unknown audio format '" + mimeType
                    + "': expected audio/pcm;rate=N, audio/x-mulaw or audio/x-alaw");
        };
        int rate = encoding == Encoding.PCM ? 0 : 8_000;
        for (int i = 1; i < parts.length; i++) {
            String[] kv = parts[i].split("=", 2);
            if (kv.length == 2 && kv[0].trim().equalsIgnoreCase("rate")) {
                try {
                    rate = Integer.parseInt(kv[1].trim());
                } catch (NumberFormatException e) {
                    throw new IllegalArgumentException("Audio format '" + mimeType + "' has a rate that is not a"
                            + " whole number");
                }
            }
        }
        if (rate == 0) {
            throw new IllegalArgumentException("Audio format '" + mimeType + "' needs its rate, e.g. "
                    + PCM_16K.mimeType());
        }
        return new AudioFormat(encoding, rate);
    }

    /** The MIME type with the rate, e.g. {@code audio/pcm;rate=16000}. */
    public String mimeType() {
        return encoding.mimeType() + ";rate=" + sampleRate;
    }

    /** Bytes of {@code millis} milliseconds of audio, e.g. 160 for 20 ms of mu-law at 8 kHz. */
    public int bytesFor(int millis) {
        return (int) ((long) sampleRate * millis / 1000) * encoding.bytesPerSample();
    }

    @Override
    public String toString() {
        return mimeType();
    }

    static void checkRate(long rate) {
        if (rate < MIN_RATE || rate > MAX_RATE) {
            throw new IllegalArgumentException("Sample rate " + rate + " Hz is outside " + MIN_RATE + " to "
                    + MAX_RATE + " Hz");
        }
    }
}
