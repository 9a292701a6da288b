package io.github.camelgeminilive.audio;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;

/** RIFF/WAVE files of 16-bit little-endian mono PCM, the Live API's audio format. */
public final class Wav {

    /** Size of the canonical header written here. */
    public static final int HEADER_BYTES = 44;

    private static final int BITS_PER_SAMPLE = 16;
    private static final int CHANNELS = 1;
    /** WAVE_FORMAT_PCM. */
    private static final short FORMAT_PCM = 1;

    private Wav() {
    }

    /** The 44-byte header for {@code dataBytes} bytes of PCM at {@code sampleRate}. */
    public static byte[] header(long dataBytes, int sampleRate) {
        if (sampleRate <= 0) {
            throw new IllegalArgumentException("Sample rate must be positive: " + sampleRate);
        }
        if (dataBytes < 0 || dataBytes > 0xFFFF_FFFFL - (HEADER_BYTES - 8)) {
            throw new IllegalArgumentException("PCM data too large for a WAV file: " + dataBytes + " bytes");
        }
        int blockAlign = CHANNELS * BITS_PER_SAMPLE / 8;
        ByteBuffer b = ByteBuffer.allocate(HEADER_BYTES).order(ByteOrder.LITTLE_ENDIAN);
        b.put(ascii("RIFF")).putInt((int) (dataBytes + HEADER_BYTES - 8)).put(ascii("WAVE"));
        b.put(ascii("fmt ")).putInt(16).putShort(FORMAT_PCM).putShort((short) CHANNELS).putInt(sampleRate)
                .putInt(sampleRate * blockAlign).putShort((short) blockAlign).putShort((short) BITS_PER_SAMPLE);
        b.put(ascii("data")).putInt((int) dataBytes);
        return b.array();
    }

    /** A complete WAV file in memory. */
    public static byte[] toBytes(byte[] pcm, int sampleRate) {
        byte[] out = new byte[HEADER_BYTES + pcm.length];
        System.arraycopy(header(pcm.length, sampleRate), 0, out, 0, HEADER_BYTES);
        System.arraycopy(pcm, 0, out, HEADER_BYTES, pcm.length);
        return out;
    }

    /** Writes a complete WAV file. */
    public static void write(Path file, byte[] pcm, int sampleRate) throws IOException {
        Files.write(file, toBytes(pcm, sampleRate));
    }

    private static byte[] ascii(String s) {
        return s.getBytes(java.nio.charset.StandardCharsets.US_ASCII);
    }
}
