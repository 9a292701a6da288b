package io.github.camelgeminilive.audio;

import java.io.BufferedInputStream;
import java.io.EOFException;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * Reads RIFF/WAVE streams of 16-bit mono PCM, the format {@link Wav} writes and the Live API takes: the header is
 * parsed up to the {@code data} chunk, which is then streamed, never held whole. Every size in the header is
 * bounded before use; anything else than 16-bit mono PCM fails with a message naming what the file holds.
 */
public final class WavReader {

    /** The most bytes of chunks before {@code data} ({@code LIST}, {@code fact}, ...) skipped. */
    static final long MAX_SKIPPED_BYTES = 1024 * 1024;
    /** Sample rates accepted: telephony to studio. */
    static final int MIN_RATE = 8_000;
    static final int MAX_RATE = 192_000;

    private static final int RIFF_HEADER_BYTES = 12;
    private static final int CHUNK_HEADER_BYTES = 8;
    private static final short FORMAT_PCM = 1;
    private static final short FORMAT_EXTENSIBLE = (short) 0xFFFE;
    /** A {@code data} size of 0 or 0xFFFFFFFF marks a stream written before its length was known. */
    private static final long UNKNOWN_SIZE = 0xFFFF_FFFFL;

    private WavReader() {
    }

    /**
     * True when {@code in} starts with a RIFF/WAVE header; reads nothing from it ({@code in} must support mark, see
     * {@link #markable(InputStream)}).
     */
    public static boolean isWav(InputStream in) throws IOException {
        if (!in.markSupported()) {
            throw new IllegalArgumentException("The stream must support mark/reset to be probed");
        }
        in.mark(RIFF_HEADER_BYTES);
        try {
            byte[] head = in.readNBytes(RIFF_HEADER_BYTES);
            return head.length == RIFF_HEADER_BYTES && ascii(head, 0).equals("RIFF") && ascii(head, 8).equals("WAVE");
        } finally {
            in.reset();
        }
    }

    /** {@code in} itself when it supports mark/reset, else a buffered view of it. */
    public static InputStream markable(InputStream in) {
        return in.markSupported() ? in : new BufferedInputStream(in);
    }

    /**
     * Reads the header of the WAV file {@code in} and returns its PCM, which reads the {@code data} chunk (up to its
     * stated size) from {@code in}. Closing the result closes {@code in}.
     *
     * @throws IOException for a stream that is not a WAV file of 16-bit mono PCM, or a failed read
     */
    public static PcmStream read(InputStream in) throws IOException {
        ByteBuffer riff = ByteBuffer.wrap(readFully(in, RIFF_HEADER_BYTES, "RIFF header"));
        if (!ascii(riff.array(), 0).equals("RIFF") || !ascii(riff.array(), 8).equals("WAVE")) {
            throw new IOException("Not a WAV file: it does not start with a RIFF/WAVE header");
        }
        int sampleRate = 0;
        long skipped = 0;
        while (true) {
            ByteBuffer chunk = ByteBuffer.wrap(readFully(in, CHUNK_HEADER_BYTES, "chunk header"))
                    .order(ByteOrder.LITTLE_ENDIAN);
            String id = ascii(chunk.array(), 0);
            long size = Integer.toUnsignedLong(chunk.getInt(4));
            if (id.equals("fmt ")) {
                sampleRate = format(in, size);
            } else if (id.equals("data")) {
                if (sampleRate == 0) {
                    throw new IOException("Not a valid WAV file: the data chunk comes before the fmt chunk");
                }
                boolean known = size != 0 && size != UNKNOWN_SIZE;
                return new PcmStream(known ? new LimitedStream(in, size) : in, sampleRate);
            } else {
                long padded = size + (size & 1); // chunks are word-aligned
                skipped += padded;
                if (skipped > MAX_SKIPPED_BYTES) {
                    throw new IOException("Not a valid WAV file: over " + MAX_SKIPPED_BYTES
                            + " bytes of chunks before the data chunk");
                }
                in.skipNBytes(padded);
            }
        }
    }

    /** Checks the {@code fmt } chunk; returns the sample rate. */
    private static int format(InputStream in, long size) throws IOException {
        if (size < 16 || size > 64) {
            throw new IOException("Not a valid WAV file: fmt chunk of " + size + " bytes");
        }
        ByteBuffer fmt = ByteBuffer.wrap(readFully(in, (int) (size + (size & 1)), "fmt chunk"))
                .order(ByteOrder.LITTLE_ENDIAN);
        short format = fmt.getShort(0);
        int channels = fmt.getShort(2);
        long rate = Integer.toUnsignedLong(fmt.getInt(4));
        int bits = fmt.getShort(14);
        if (format != FORMAT_PCM && format != FORMAT_EXTENSIBLE) {
            throw new IOException("Unsupported WAV file: format " + (format & 0xFFFF)
                    + " is not PCM; the Live API takes 16-bit mono PCM");
        }
        if (channels != 1 || bits != 16) {
            throw new IOException("Unsupported WAV file: " + channels + " channel(s) of " + bits
                    + "-bit samples; the Live API takes 16-bit mono PCM");
        }
        if (rate < MIN_RATE || rate > MAX_RATE) {
            throw new IOException("Unsupported WAV file: sample rate " + rate + " Hz is outside " + MIN_RATE + " to "
                    + MAX_RATE + " Hz");
        }
        return (int) rate;
    }

    private static byte[] readFully(InputStream in, int n, String what) throws IOException {
        byte[] b = in.readNBytes(n);
        if (b.length < n) {
            throw new EOFException("Not a valid WAV file: it ends inside its " + what);
        }
        return b;
    }

    private static String ascii(byte[] b, int offset) {
        return new String(Arrays.copyOfRange(b, offset, offset + 4), StandardCharsets.US_ASCII);
    }

    /** The first {@code remaining} bytes of a stream (the data chunk: what follows it is not audio). */
    private static final class LimitedStream extends FilterInputStream {
        private long remaining;

        LimitedStream(InputStream in, long limit) {
            super(in);
            this.remaining = limit;
        }

        @Override
        public int read() throws IOException {
            if (remaining <= 0) {
                return -1;
            }
            int b = super.read();
            if (b >= 0) {
                remaining--;
            }
            return b;
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            if (remaining <= 0) {
                return -1;
            }
            int n = super.read(b, off, (int) Math.min(len, remaining));
            if (n > 0) {
                remaining -= n;
            }
            return n;
        }

        @Override
        public long skip(long n) throws IOException {
            long skipped = super.skip(Math.min(n, remaining));
            remaining -= skipped;
            return skipped;
        }

        @Override
        public int available() throws IOException {
            return (int) Math.min(super.available(), remaining);
        }

        @Override
        public boolean markSupported() {
            return false;
        }
    }
}
