package io.github.camelgeminilive.audio;

/**
 * ITU-T G.711 companding: mu-law (PCMU, North America and Japan) and A-law (PCMA, elsewhere), one byte per sample
 * at 8 kHz on phone lines. Bit-exact with sox: a 16-bit sample is rounded to the nearest value of the law's 14 bits
 * (mu-law) or 13 bits (A-law), then coded by the ITU segment rule; decoding gives the ITU table's value as 16-bit
 * PCM. Both directions are table look-ups. Stateless and thread-safe; the array methods allocate nothing.
 */
public enum G711 {

    /** mu-law, RTP payload type 0 (PCMU), WAV format 7, Twilio's {@code audio/x-mulaw}. */
    MU_LAW(14) {
        @Override
        byte code(int v) {
            int mask = 0xFF;
            if (v < 0) {
                v = -v;
                mask = 0x7F;
            }
            v = Math.min(v, MU_CLIP) + MU_BIAS;
            int segment = 26 - Integer.numberOfLeadingZeros(v); // v >= 33: segment i holds v < 2^(6+i)
            if (segment >= 8) {
                return (byte) (0x7F ^ mask);
            }
            return (byte) (((segment << 4) | ((v >> (segment + 1)) & 0x0F)) ^ mask);
        }
    },

    /** A-law, RTP payload type 8 (PCMA), WAV format 6. */
    A_LAW(13) {
        @Override
        byte code(int v) {
            int mask = 0xD5;
            if (v < 0) {
                v = -v - 1;
                mask = 0x55;
            }
            int segment = Math.max(0, 27 - Integer.numberOfLeadingZeros(v)); // v < 4096: segment <= 7
            int quantised = (v >> (segment < 2 ? 1 : segment)) & 0x0F;
            return (byte) (((segment << 4) | quantised) ^ mask);
        }
    };

    private static final int MU_BIAS = 0x84 >> 2;
    private static final int MU_CLIP = 8159;
    private static final short[] MU_DECODE = new short[256];
    private static final short[] A_DECODE = new short[256];

    /** 16 - the law's bits: a 16-bit sample is rounded to the law's bits by this shift. */
    private final int shift;
    /** The largest sample in the law's bits: rounding 32767 up must not wrap. */
    private final int max;
    /** The code of each sample in the law's bits, from -max - 1 to max. */
    private final byte[] codes;

    G711(int bits) {
        this.shift = 16 - bits;
        this.max = (1 << (bits - 1)) - 1;
        this.codes = new byte[2 * max + 2];
    }

    static {
        for (G711 law : values()) {
            for (int v = -law.max - 1; v <= law.max; v++) {
                law.codes[v + law.max + 1] = law.code(v);
            }
        }
        for (int code = 0; code < 256; code++) {
            int u = ~code & 0xFF;
            int t = (((u & 0x0F) << 3) + 0x84) << ((u & 0x70) >> 4);
            MU_DECODE[code] = (short) ((u & 0x80) != 0 ? 0x84 - t : t - 0x84);

            int a = code ^ 0x55;
            int segment = (a & 0x70) >> 4;
            int s = (a & 0x0F) << 4;
            s = segment == 0 ? s + 8 : (s + 0x108) << (segment - 1);
            A_DECODE[code] = (short) ((a & 0x80) != 0 ? s : -s);
        }
    }

    /** The code of one 16-bit sample ({@code sample} is clamped to -32768..32767 first). */
    public byte encode(int sample) {
        int v = Math.min(max, (clamp16(sample) + (1 << shift >> 1)) >> shift); // rounded to the law's bits
        return codes[v + max + 1];
    }

    /** The code of a sample rounded to the law's bits, by the ITU segment rule. */
    abstract byte code(int v);

    /** The 16-bit sample a code stands for. */
    public short decode(byte code) {
        return (this == MU_LAW ? MU_DECODE : A_DECODE)[code & 0xFF];
    }

    /** Decodes {@code length} codes from {@code in} into 16-bit samples in {@code out}. */
    public void decode(byte[] in, int offset, int length, short[] out, int outOffset) {
        short[] table = this == MU_LAW ? MU_DECODE : A_DECODE;
        for (int i = 0; i < length; i++) {
            out[outOffset + i] = table[in[offset + i] & 0xFF];
        }
    }

    /** Encodes {@code length} 16-bit samples from {@code in} into codes in {@code out}. */
    public void encode(short[] in, int offset, int length, byte[] out, int outOffset) {
        for (int i = 0; i < length; i++) {
            out[outOffset + i] = encode(in[offset + i]);
        }
    }

    private static int clamp16(int sample) {
        return Math.max(Short.MIN_VALUE, Math.min(Short.MAX_VALUE, sample));
    }
}
