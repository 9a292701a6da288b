package io.github.camelgeminilive.audio;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * RIFF/WAVE files of mono audio: 16-bit PCM (the Live API's format), or G.711 mu-law (format 7) or A-law (format 6)
 * with the {@code fact} chunk those formats require.
 */
public final class Wav {

    /** Size of the canonical header of a 16-bit PCM file. */
    public static final int HEADER_BYTES = 44;

    /** A G.711 header: an 18-byte fmt chunk and a fact chunk. */
    private static final int G711_HEADER_BYTES = 58;
    private static final short FORMAT_PCM = 1;
    private static final short FORMAT_ALAW = 6;
    private static final short FORMAT_MULAW = 7;

    private Wav() {
    }

    /** The 44-byte header for {@code dataBytes} bytes of 16-bit mono PCM at {@code sampleRate}. */
    public static byte[] header(long dataBytes, int sampleRate) {
        return header(dataBytes, new AudioFormat(AudioFormat.Encoding.PCM, sampleRate));
    }

    /** The header for {@code dataBytes} bytes of mono audio in {@code format}. */
    public static byte[] header(long dataBytes, AudioFormat format) {
        int headerBytes = headerBytes(format);
        if (dataBytes < 0 || dataBytes > maxDataBytes(format)) {
            throw new IllegalArgumentException("Audio data too large for a WAV file: " + dataBytes + " bytes, at most "
                    + maxDataBytes(format));
        }
        int bytesPerSample = format.encoding().bytesPerSample();
        ByteBuffer b = ByteBuffer.allocate(headerBytes).order(ByteOrder.LITTLE_ENDIAN);
        b.put(ascii("RIFF")).putInt((int) (dataBytes + headerBytes - 8)).put(ascii("WAVE"));
        b.put(ascii("fmt ")).putInt(format.encoding() == AudioFormat.Encoding.PCM ? 16 : 18).putShort(code(format))
                .putShort((short) 1).putInt(format.sampleRate()).putInt(format.sampleRate() * bytesPerSample)
                .putShort((short) bytesPerSample).putShort((short) (8 * bytesPerSample));
        if (format.encoding() != AudioFormat.Encoding.PCM) {
            b.putShort((short) 0); // no extra format bytes
            b.put(ascii("fact")).putInt(4).putInt((int) dataBytes); // samples: one byte each
        }
        b.put(ascii("data")).putInt((int) dataBytes);
        return b.array();
    }

    /**
     * The most audio bytes a WAV file in {@code format} holds: its RIFF size (the file less 8 bytes) is 32-bit, so 4
     * GiB less the header (about 37 hours of 16 kHz PCM).
     */
    public static long maxDataBytes(AudioFormat format) {
        return 0xFFFF_FFFFL - (headerBytes(format) - 8);
    }

    /** The size of the header {@link #header(long, AudioFormat)} writes: 44 for PCM, 58 for G.711. */
    public static int headerBytes(AudioFormat format) {
        return format.encoding() == AudioFormat.Encoding.PCM ? HEADER_BYTES : G711_HEADER_BYTES;
    }

    /** A complete WAV file of 16-bit mono PCM in memory. */
    public static byte[] toBytes(byte[] pcm, int sampleRate) {
        return toBytes(pcm, new AudioFormat(AudioFormat.Encoding.PCM, sampleRate));
    }

    /** A complete WAV file in memory of {@code data}, mono audio in {@code format}. */
    public static byte[] toBytes(byte[] data, AudioFormat format) {
        byte[] header = header(data.length, format);
        byte[] out = new byte[header.length + data.length];
        System.arraycopy(header, 0, out, 0, header.length);
        System.arraycopy(data, 0, out, header.length, data.length);
        return out;
    }

    /** Writes a complete WAV file of 16-bit mono PCM. */
    public static void write(Path file, byte[] pcm, int sampleRate) throws IOException {
        Files.write(file, toBytes(pcm, sampleRate));
    }

    private static short code(AudioFormat format) {
        return switch (format.encoding()) {
            case PCM -> FORMAT_PCM;
            case MULAW -> FORMAT_MULAW;
            case ALAW -> FORMAT_ALAW;
        };
    }

    private static byte[] ascii(String s) {
        return s.getBytes(StandardCharsets.US_ASCII);
    }
}
