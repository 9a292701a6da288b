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
 * Reads RIFF/WAVE streams as 16-bit mono PCM, the format the Live API takes: the header is parsed up to the
 * {@code data} chunk, which is then streamed, never held whole. Files of 8-bit (unsigned), 16, 24 or 32-bit PCM,
 * G.711 mu-law (format 7) or A-law (format 6), plain or {@code WAVE_FORMAT_EXTENSIBLE}, mono or stereo, are
 * converted while read: to 16 bits (rounded) and stereo downmixed to mono (the mean of both channels); the sample
 * rate stays the file's. Every size in the header is bounded before use; anything else fails with a message naming
 * what the file holds.
 */
public final class WavReader {

    /** The most bytes of chunks before {@code data} ({@code LIST}, {@code fact}, ...) skipped. */
    static final long MAX_SKIPPED_BYTES = 1024 * 1024;
    /** Channels accepted: mono, or stereo (downmixed). */
    static final int MAX_CHANNELS = 2;

    private static final int RIFF_HEADER_BYTES = 12;
    private static final int CHUNK_HEADER_BYTES = 8;
    private static final int FORMAT_PCM = 1;
    private static final int FORMAT_ALAW = 6;
    private static final int FORMAT_MULAW = 7;
    private static final int FORMAT_EXTENSIBLE = 0xFFFE;
    /** Where a {@code WAVE_FORMAT_EXTENSIBLE} fmt chunk holds its sub-format (the format code, first in a GUID). */
    private static final int SUB_FORMAT_OFFSET = 24;
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
     * @throws IOException for a stream that is not a WAV file of a format read here, or a failed read
     */
    public static PcmStream read(InputStream in) throws IOException {
        ByteBuffer riff = ByteBuffer.wrap(readFully(in, RIFF_HEADER_BYTES, "RIFF header"));
        if (!ascii(riff.array(), 0).equals("RIFF") || !ascii(riff.array(), 8).equals("WAVE")) {
            throw new IOException("Not a WAV file: it does not start with a RIFF/WAVE header");
        }
        SampleFormat format = null;
        long skipped = 0;
        while (true) {
            ByteBuffer chunk = ByteBuffer.wrap(readFully(in, CHUNK_HEADER_BYTES, "chunk header"))
                    .order(ByteOrder.LITTLE_ENDIAN);
            String id = ascii(chunk.array(), 0);
            long size = Integer.toUnsignedLong(chunk.getInt(4));
            if (id.equals("fmt ")) {
                format = format(in, size);
            } else if (id.equals("data")) {
                if (format == null) {
                    throw new IOException("Not a valid WAV file: the data chunk comes before the fmt chunk");
                }
                boolean known = size != 0 && size != UNKNOWN_SIZE;
                InputStream data = known ? new LimitedStream(in, size) : in;
                return new PcmStream(format.isPcm16Mono() ? data : new SampleDecoder(data, format), format.rate());
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

    /** Checks the {@code fmt } chunk; returns what its samples are. */
    private static SampleFormat format(InputStream in, long size) throws IOException {
        if (size < 16 || size > 64) {
            throw new IOException("Not a valid WAV file: fmt chunk of " + size + " bytes");
        }
        ByteBuffer fmt = ByteBuffer.wrap(readFully(in, (int) (size + (size & 1)), "fmt chunk"))
                .order(ByteOrder.LITTLE_ENDIAN);
        int format = fmt.getShort(0) & 0xFFFF;
        int channels = fmt.getShort(2) & 0xFFFF;
        long rate = Integer.toUnsignedLong(fmt.getInt(4));
        int blockAlign = fmt.getShort(12) & 0xFFFF;
        int bits = fmt.getShort(14) & 0xFFFF;
        if (format == FORMAT_EXTENSIBLE) {
            if (size < SUB_FORMAT_OFFSET + 2) {
                throw new IOException("Not a valid WAV file: extensible fmt chunk of " + size + " bytes");
            }
            format = fmt.getShort(SUB_FORMAT_OFFSET) & 0xFFFF;
        }
        boolean pcm = format == FORMAT_PCM && (bits == 8 || bits == 16 || bits == 24 || bits == 32);
        boolean g711 = (format == FORMAT_ALAW || format == FORMAT_MULAW) && bits == 8;
        if (!pcm && !g711) {
            throw new IOException("Unsupported WAV file: format " + format + " with " + bits
                    + "-bit samples; read here: PCM of 8, 16, 24 or 32 bits, mu-law (7) or A-law (6)");
        }
        if (channels < 1 || channels > MAX_CHANNELS) {
            throw new IOException("Unsupported WAV file: " + channels + " channels; read here: mono or stereo");
        }
        if (blockAlign != channels * bits / 8) {
            throw new IOException("Not a valid WAV file: " + blockAlign + " bytes per frame for " + channels
                    + " channel(s) of " + bits + "-bit samples");
        }
        if (rate < AudioFormat.MIN_RATE || rate > AudioFormat.MAX_RATE) {
            throw new IOException("Unsupported WAV file: sample rate " + rate + " Hz is outside "
                    + AudioFormat.MIN_RATE + " to " + AudioFormat.MAX_RATE + " Hz");
        }
        G711 law = format == FORMAT_MULAW ? G711.MU_LAW : format == FORMAT_ALAW ? G711.A_LAW : null;
        return new SampleFormat(law, bits / 8, channels, (int) rate);
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

    /**
     * How the data chunk codes its samples.
     *
     * @param law   the G.711 law, or null for PCM
     * @param bytes bytes per sample
     */
    private record SampleFormat(G711 law, int bytes, int channels, int rate) {
        boolean isPcm16Mono() {
            return law == null && bytes == 2 && channels == 1;
        }
    }

    /** Turns the data chunk's frames into 16-bit mono PCM as it is read. */
    private static final class SampleDecoder extends InputStream {
        private static final int FRAMES = 512;

        private final InputStream in;
        private final SampleFormat format;
        private final int frameBytes;
        private final byte[] raw;
        private final byte[] pcm = new byte[FRAMES * 2];
        private final byte[] one = new byte[1];
        private int pcmStart;
        private int pcmEnd;
        private boolean ended;

        SampleDecoder(InputStream in, SampleFormat format) {
            this.in = in;
            this.format = format;
            this.frameBytes = format.bytes() * format.channels();
            this.raw = new byte[FRAMES * frameBytes];
        }

        @Override
        public int read() throws IOException {
            return read(one, 0, 1) < 0 ? -1 : one[0] & 0xFF;
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            if (len == 0) {
                return 0;
            }
            if (pcmStart == pcmEnd && !fill()) {
                return -1;
            }
            int n = Math.min(len, pcmEnd - pcmStart);
            System.arraycopy(pcm, pcmStart, b, off, n);
            pcmStart += n;
            return n;
        }

        @Override
        public int available() {
            return pcmEnd - pcmStart;
        }

        @Override
        public void close() throws IOException {
            in.close();
        }

        /** Decodes the next frames; false at the end of the data. */
        private boolean fill() throws IOException {
            if (ended) {
                return false;
            }
            int n = in.readNBytes(raw, 0, raw.length);
            if (n < raw.length) {
                ended = true;
                if (n % frameBytes != 0) {
                    throw new EOFException("Not a valid WAV file: its data ends inside a sample frame (" + n
                            % frameBytes + " of " + frameBytes + " bytes)");
                }
            }
            int frames = n / frameBytes;
            for (int f = 0; f < frames; f++) {
                int sum = 0;
                for (int c = 0; c < format.channels(); c++) {
                    sum += sample(f * frameBytes + c * format.bytes());
                }
                int mono = format.channels() == 1 ? sum : sum >> 1;
                pcm[2 * f] = (byte) mono;
                pcm[2 * f + 1] = (byte) (mono >> 8);
            }
            pcmStart = 0;
            pcmEnd = 2 * frames;
            return frames > 0;
        }

        /** The 16-bit value of the sample at {@code i} in {@code raw}. */
        private int sample(int i) {
            if (format.law() != null) {
                return format.law().decode(raw[i]);
            }
            return switch (format.bytes()) {
                case 1 -> ((raw[i] & 0xFF) - 128) << 8; // 8-bit WAV is unsigned
                case 2 -> (raw[i] & 0xFF) | raw[i + 1] << 8;
                case 3 -> round((raw[i] & 0xFF) | (raw[i + 1] & 0xFF) << 8 | raw[i + 2] << 16, 8);
                default -> round((raw[i] & 0xFF) | (raw[i + 1] & 0xFF) << 8 | (raw[i + 2] & 0xFF) << 16
                        | raw[i + 3] << 24, 16);
            };
        }

        private static int round(int sample, int shift) {
            return (int) Math.min(Short.MAX_VALUE, ((long) sample + (1L << (shift - 1))) >> shift);
        }
    }
}
