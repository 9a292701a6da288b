package io.github.camelgeminilive.protocol;

import com.fasterxml.jackson.core.Base64Variant;
import com.fasterxml.jackson.core.Base64Variants;

/**
 * Base64 between bytes and JSON text without intermediate strings: the codec's hot path for audio. Writes standard
 * padded base64; reads the standard or the URL-safe alphabet, padded or not, as proto3 JSON parsers do.
 */
final class Base64Text {

    private static final Base64Variant STANDARD = Base64Variants.MIME_NO_LINEFEEDS;
    private static final int[] STANDARD_VALUES = values(STANDARD);
    private static final int[] URL_SAFE_VALUES = values(Base64Variants.MODIFIED_FOR_URL);

    private Base64Text() {
    }

    /** Characters {@link #encode} writes for {@code length} bytes. */
    static int encodedLength(int length) {
        return (length + 2) / 3 * 4;
    }

    /** Writes the base64 of {@code src[offset, offset+length)} at {@code dst[at]}; returns the index after it. */
    static int encode(byte[] src, int offset, int length, byte[] dst, int at) {
        int in = offset;
        int out = at;
        int end = offset + length;
        for (int whole = end - length % 3; in < whole; in += 3) {
            out = STANDARD.encodeBase64Chunk((src[in] & 0xFF) << 16 | (src[in + 1] & 0xFF) << 8 | src[in + 2] & 0xFF,
                    dst, out);
        }
        int rest = end - in;
        if (rest > 0) {
            int bits = (src[in] & 0xFF) << 16 | (rest == 2 ? (src[in + 1] & 0xFF) << 8 : 0);
            out = STANDARD.encodeBase64Partial(bits, rest, dst, out);
        }
        return out;
    }

    /**
     * Decodes {@code text[offset, offset+length)}.
     *
     * @throws IllegalArgumentException naming the problem: a character outside the alphabet (or both alphabets
     *                                  mixed), padding before the end, or a dangling last character
     */
    static byte[] decode(char[] text, int offset, int length) {
        int end = offset + length;
        int padding = 0;
        while (padding < 2 && end > offset && text[end - 1] == '=') {
            end--;
            padding++;
        }
        int chars = end - offset;
        if (chars % 4 == 1 || padding > 0 && length % 4 != 0) {
            throw new IllegalArgumentException("wrong length (" + length + " characters, " + padding + " padding)");
        }
        int[] values = urlSafe(text, offset, end) ? URL_SAFE_VALUES : STANDARD_VALUES;
        byte[] out = new byte[chars / 4 * 3 + Math.max(0, chars % 4 - 1)];
        int o = 0;
        int i = offset;
        for (int whole = end - chars % 4; i < whole; i += 4) {
            int bits = value(values, text, i, offset) << 18 | value(values, text, i + 1, offset) << 12
                    | value(values, text, i + 2, offset) << 6 | value(values, text, i + 3, offset);
            out[o++] = (byte) (bits >> 16);
            out[o++] = (byte) (bits >> 8);
            out[o++] = (byte) bits;
        }
        if (i < end) { // 2 or 3 characters: 1 or 2 bytes
            int bits = value(values, text, i, offset) << 18 | value(values, text, i + 1, offset) << 12
                    | (i + 2 < end ? value(values, text, i + 2, offset) << 6 : 0);
            out[o++] = (byte) (bits >> 16);
            if (i + 2 < end) {
                out[o] = (byte) (bits >> 8);
            }
        }
        return out;
    }

    private static int value(int[] values, char[] text, int index, int offset) {
        char c = text[index];
        int value = c < 128 ? values[c] : -1;
        if (value < 0) {
            throw new IllegalArgumentException("illegal character " + describe(c) + " at index " + (index - offset));
        }
        return value;
    }

    private static int[] values(Base64Variant alphabet) {
        int[] values = new int[128];
        for (char c = 0; c < values.length; c++) {
            values[c] = c == alphabet.getPaddingChar() ? -1 : alphabet.decodeBase64Char(c);
        }
        return values;
    }

    private static boolean urlSafe(char[] text, int from, int to) {
        for (int i = from; i < to; i++) {
            if (text[i] == '-' || text[i] == '_') {
                return true;
            }
        }
        return false;
    }

    private static String describe(char c) {
        return c >= 0x20 && c < 0x7F ? "'" + c + "'" : String.format("U+%04X", (int) c);
    }
}
