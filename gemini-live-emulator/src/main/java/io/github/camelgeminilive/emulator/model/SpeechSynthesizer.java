package io.github.camelgeminilive.emulator.model;

/**
 * Renders deterministic speech-like audio: 24 kHz 16-bit little-endian mono PCM made of syllables (about five per
 * second) of harmonic tones under a raised-sine envelope, with a little noise. Any stretch can be rendered on its
 * own because every sample is a pure function of its index, so long replies are produced chunk by chunk.
 */
final class SpeechSynthesizer {

    /** Output sample rate of the Live API. */
    static final int SAMPLE_RATE = 24_000;
    /** MIME type of the rendered audio. */
    static final String MIME_TYPE = "audio/pcm;rate=24000";

    /** 200 ms per syllable: roughly the syllable rate of conversational speech. */
    private static final int SYLLABLE_SAMPLES = SAMPLE_RATE / 5;
    /** The last fifth of each syllable is a gap, as between spoken syllables. */
    private static final double VOICED_FRACTION = 0.8;
    private static final double PEAK = 9_000;
    private static final double NOISE = 250;
    /** The raised-sine syllable envelope by position in the syllable. */
    private static final double[] ENVELOPE = envelope();

    private final double baseHz;
    private final long seed;

    /**
     * @param voiceName the configured voice (changes the pitch), or null
     * @param text      the spoken text (changes the syllable melody)
     */
    SpeechSynthesizer(String voiceName, String text) {
        this.baseHz = 100 + Math.floorMod(voiceName == null ? 0 : voiceName.hashCode(), 120);
        this.seed = text == null ? 0 : text.hashCode();
    }

    /** Renders {@code count} samples starting at sample {@code firstSample} as little-endian bytes. */
    byte[] render(long firstSample, int count) {
        byte[] out = new byte[count * 2];
        int i = 0;
        while (i < count) {
            long n = firstSample + i;
            long syllable = n / SYLLABLE_SAMPLES;
            // the same arithmetic as one sample at a time, hoisted per syllable: byte-identical output
            double peak = PEAK * (0.6 + 0.4 * unit(mix(seed, syllable)));
            double angular = 2 * Math.PI * (baseHz * (0.85 + 0.3 * unit(mix(~seed, syllable))));
            int pos = (int) (n % SYLLABLE_SAMPLES);
            int end = (int) Math.min(count, i + (long) (SYLLABLE_SAMPLES - pos));
            for (; i < end; i++, n++, pos++) {
                double noise = NOISE * (2 * unit(mix(seed * 31 + 7, n)) - 1);
                double envelope = ENVELOPE[pos];
                // a silent envelope leaves exactly the noise (the voiced term is a signed zero)
                double v = envelope == 0 ? noise : peak * envelope * voiced(angular * n / SAMPLE_RATE) + noise;
                int s = (int) Math.max(Short.MIN_VALUE, Math.min(Short.MAX_VALUE, Math.round(v)));
                out[2 * i] = (byte) s;
                out[2 * i + 1] = (byte) (s >> 8);
            }
        }
        return out;
    }

    private static double voiced(double phase) {
        return (Math.sin(phase) + 0.5 * Math.sin(2 * phase) + 0.25 * Math.sin(3 * phase)) / 1.75;
    }

    private static double[] envelope() {
        double[] table = new double[SYLLABLE_SAMPLES];
        for (int i = 0; i < table.length; i++) {
            double pos = i / (double) SYLLABLE_SAMPLES;
            table[i] = pos < VOICED_FRACTION ? Math.pow(Math.sin(Math.PI * pos / VOICED_FRACTION), 2) : 0;
        }
        return table;
    }

    /** SplitMix64 finaliser: a cheap, well-spread hash so "random" values are reproducible. */
    private static long mix(long a, long b) {
        long z = a * 0x9E3779B97F4A7C15L + b;
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }

    private static double unit(long hash) {
        return (hash >>> 11) / (double) (1L << 53);
    }
}
