package io.github.camelgeminilive.protocol;

import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.Base64;

import com.fasterxml.jackson.core.Base64Variant;
import com.fasterxml.jackson.core.Base64Variants;

/**
 * Base64 between bytes and JSON text without intermediate strings: the codec's hot path for audio. Writes standard
 * padded base64; reads the standard or the URL-safe alphabet, padded or not, as proto3 JSON parsers do.
 */
final class Base64Text {

    private static final Base64Variant STANDARD = Base64Variants.MIME_NO_LINEFEEDS;
    /** Base64 up to this long is narrowed into a reused per-thread array; longer text into a new one. */
    private static final int SCRATCH_LIMIT = 256 * 1024;
    private static final ThreadLocal<byte[]> SCRATCH = ThreadLocal.withInitial(() -> new byte[8 * 1024]);

    private Base64Text() {
    }

    /** Characters {@link #encode} writes for {@code length} bytes ({@code long}: 1.5 GiB encode beyond an int). */
    static long encodedLength(long length) {
        return (length + 2) / 3 * 4;
    }

    /** Writes the base64 of {@code src[offset, offset+length)} at {@code dst[at]}; returns the index after it. */
    static int encode(byte[] src, int offset, int length, byte[] dst, int at) {
        if (offset == 0 && length == src.length) { // the usual case: the JDK's vectorised encoder takes whole arrays
            int n = Math.toIntExact(encodedLength(length));
            byte[] out = scratch(n);
            Base64.getEncoder().encode(src, out);
            System.arraycopy(out, 0, dst, at, n);
            return at + n;
        }
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
     * Decodes {@code text[offset, offset+length)} with the JDK's decoder (vectorised): the characters are narrowed
     * into a per-thread scratch array, so no String of the base64 is made.
     *
     * @throws IllegalArgumentException naming the problem: a character outside the alphabet (or both alphabets
     *                                  mixed), misplaced padding, or a dangling last character
     */
    static byte[] decode(char[] text, int offset, int length) {
        byte[] ascii = scratch(length);
        int seen = 0;
        for (int i = 0; i < length; i++) {
            char c = text[offset + i];
            seen |= c;
            ascii[i] = (byte) c;
        }
        return decodeAscii(ascii, length, seen);
    }

    /** As {@link #decode(char[], int, int)}, reading the string's characters in place: no copy of them. */
    static byte[] decode(String text) {
        int length = text.length();
        byte[] ascii = scratch(length);
        int seen = 0;
        for (int i = 0; i < length; i++) {
            char c = text.charAt(i);
            seen |= c;
            ascii[i] = (byte) c;
        }
        return decodeAscii(ascii, length, seen);
    }

    /** Decodes {@code ascii[0, length)}, narrowed from characters whose bits OR to {@code seen}. */
    private static byte[] decodeAscii(byte[] ascii, int length, int seen) {
        if ((seen & ~0x7F) != 0) {
            throw new IllegalArgumentException("illegal non-ASCII character");
        }
        ByteBuffer in = ByteBuffer.wrap(ascii, 0, length);
        ByteBuffer out;
        try {
            out = Base64.getDecoder().decode(in);
        } catch (IllegalArgumentException standard) {
            if (!urlSafe(ascii, length)) {
                throw standard;
            }
            out = Base64.getUrlDecoder().decode(in.rewind());
        }
        return out.arrayOffset() == 0 && out.remaining() == out.array().length ? out.array()
                : Arrays.copyOfRange(out.array(), out.arrayOffset(), out.arrayOffset() + out.remaining());
    }

    /** This thread's scratch array if {@code length} fits in it (growing it up to the limit), else a new one. */
    private static byte[] scratch(int length) {
        if (length > SCRATCH_LIMIT) {
            return new byte[length];
        }
        byte[] buffer = SCRATCH.get();
        if (buffer.length < length) {
            buffer = new byte[Math.min(SCRATCH_LIMIT, Math.max(length, buffer.length * 2))];
            SCRATCH.set(buffer);
        }
        return buffer;
    }

    private static boolean urlSafe(byte[] ascii, int length) {
        for (int i = 0; i < length; i++) {
            if (ascii[i] == '-' || ascii[i] == '_') {
                return true;
            }
        }
        return false;
    }
}
