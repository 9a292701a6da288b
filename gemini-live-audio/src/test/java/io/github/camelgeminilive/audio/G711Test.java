package io.github.camelgeminilive.audio;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;

import org.junit.jupiter.api.Test;

/**
 * G.711 against files sox wrote (src/test/resources/README.md) and against the ITU segment rule written out as a
 * table search (the reference's own form), for every code and every 16-bit sample.
 */
class G711Test {

    @Test
    void everyMuLawCodeDecodesAsSoxDecodesIt() {
        assertDecodesAsSox(G711.MU_LAW, "mulaw-decoded.s16le");
    }

    @Test
    void everyALawCodeDecodesAsSoxDecodesIt() {
        assertDecodesAsSox(G711.A_LAW, "alaw-decoded.s16le");
    }

    @Test
    void everySixteenBitSampleEncodesToMuLawAsSoxEncodesIt() {
        assertEncodesAsSox(G711.MU_LAW, "mulaw-encoded.u8");
    }

    @Test
    void everySixteenBitSampleEncodesToALawAsSoxEncodesIt() {
        assertEncodesAsSox(G711.A_LAW, "alaw-encoded.u8");
    }

    @Test
    void everySixteenBitSampleEncodesByTheItuSegmentRule() {
        for (int s = Short.MIN_VALUE; s <= Short.MAX_VALUE; s++) {
            assertThat(G711.MU_LAW.encode(s)).as("mu-law of %d", s).isEqualTo(ituMuLaw(s));
            assertThat(G711.A_LAW.encode(s)).as("A-law of %d", s).isEqualTo(ituALaw(s));
        }
    }

    @Test
    void decodingThenEncodingGivesTheCodeBack() {
        for (int code = 0; code < 256; code++) {
            byte c = (byte) code;
            // mu-law has two codes for 0 (0xFF and 0x7F); 0 encodes as 0xFF
            byte mu = code == 0x7F ? (byte) 0xFF : c;
            assertThat(G711.MU_LAW.encode(G711.MU_LAW.decode(c))).as("mu-law %02x", code).isEqualTo(mu);
            assertThat(G711.A_LAW.encode(G711.A_LAW.decode(c))).as("A-law %02x", code).isEqualTo(c);
        }
    }

    @Test
    void arrayMethodsMatchTheSampleMethodsAndClampOutOfRangeSamples() {
        short[] samples = {0, 1, -1, 1000, -1000, Short.MAX_VALUE, Short.MIN_VALUE};
        byte[] codes = new byte[samples.length + 2];
        G711.MU_LAW.encode(samples, 0, samples.length, codes, 2);
        short[] decoded = new short[samples.length];
        G711.MU_LAW.decode(codes, 2, samples.length, decoded, 0);
        for (int i = 0; i < samples.length; i++) {
            assertThat(codes[i + 2]).isEqualTo(G711.MU_LAW.encode(samples[i]));
            assertThat(decoded[i]).isEqualTo(G711.MU_LAW.decode(codes[i + 2]));
        }
        assertThat(G711.MU_LAW.encode(100_000)).isEqualTo(G711.MU_LAW.encode(Short.MAX_VALUE));
        assertThat(G711.A_LAW.encode(-100_000)).isEqualTo(G711.A_LAW.encode(Short.MIN_VALUE));
    }

    private static void assertDecodesAsSox(G711 law, String file) {
        ByteBuffer expected = ByteBuffer.wrap(resource("g711/" + file)).order(ByteOrder.LITTLE_ENDIAN);
        byte[] codes = resource("g711/codes.u8");
        assertThat(codes).hasSize(256);
        for (int code = 0; code < 256; code++) {
            assertThat(law.decode(codes[code])).as("%s %02x", law, code).isEqualTo(expected.getShort(2 * code));
        }
    }

    private static void assertEncodesAsSox(G711 law, String file) {
        byte[] expected = resource("g711/" + file);
        assertThat(expected).hasSize(65536);
        for (int s = Short.MIN_VALUE; s <= Short.MAX_VALUE; s++) {
            assertThat(law.encode(s)).as("%s of %d", law, s).isEqualTo(expected[s - Short.MIN_VALUE]);
        }
    }

    /** The reference encoder (ITU G.711 / Sun's g711.c) on the 14-bit sample: search the segment end table. */
    private static byte ituMuLaw(int sample) {
        int[] segmentEnds = {0x3F, 0x7F, 0xFF, 0x1FF, 0x3FF, 0x7FF, 0xFFF, 0x1FFF};
        int v = Math.min(0x1FFF, (sample + 2) >> 2); // rounded to 14 bits, as sox does
        int mask = 0xFF;
        if (v < 0) {
            v = -v;
            mask = 0x7F;
        }
        v = Math.min(v, 8159) + 0x21;
        int segment = search(v, segmentEnds);
        return (byte) (segment >= 8 ? 0x7F ^ mask : ((segment << 4) | ((v >> (segment + 1)) & 0xF)) ^ mask);
    }

    /** The reference encoder on the 13-bit sample. */
    private static byte ituALaw(int sample) {
        int[] segmentEnds = {0x1F, 0x3F, 0x7F, 0xFF, 0x1FF, 0x3FF, 0x7FF, 0xFFF};
        int v = Math.min(0xFFF, (sample + 4) >> 3); // rounded to 13 bits
        int mask = 0xD5;
        if (v < 0) {
            v = -v - 1;
            mask = 0x55;
        }
        int segment = search(v, segmentEnds);
        if (segment >= 8) {
            return (byte) (0x7F ^ mask);
        }
        int a = (segment << 4) | ((segment < 2 ? v >> 1 : v >> segment) & 0xF);
        return (byte) (a ^ mask);
    }

    private static int search(int v, int[] ends) {
        for (int i = 0; i < ends.length; i++) {
            if (v <= ends[i]) {
                return i;
            }
        }
        return ends.length;
    }

    static byte[] resource(String name) {
        try (InputStream in = G711Test.class.getResourceAsStream("/" + name)) {
            assertThat(in).as(name).isNotNull();
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
