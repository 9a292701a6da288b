package io.github.camelgeminilive.audio;

import java.io.Closeable;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Objects;

/**
 * Streams audio chunks (16-bit PCM, or G.711) into a WAV file as they arrive; {@link #close()} writes the final sizes
 * into the header, so the file is valid once closed. A file holds at most {@link Wav#maxDataBytes} of audio (its sizes
 * are 32-bit), or the caller's smaller bound: a chunk that would pass it is refused whole, and what was written before
 * stays a valid file. Not thread-safe.
 */
public final class WavWriter implements Closeable {

    private final FileChannel channel;
    private final AudioFormat format;
    private final int headerBytes;
    private final long maxDataBytes;
    private long dataBytes;
    private boolean closed;

    /** A writer of 16-bit mono PCM at {@code sampleRate}. */
    public WavWriter(Path file, int sampleRate) throws IOException {
        this(file, new AudioFormat(AudioFormat.Encoding.PCM, sampleRate));
    }

    /** A writer of mono audio in {@code format} (16-bit PCM, mu-law or A-law), up to the WAV format's limit. */
    public WavWriter(Path file, AudioFormat format) throws IOException {
        this(file, format, Wav.maxDataBytes(format));
    }

    /**
     * A writer of mono audio in {@code format} that holds at most {@code maxDataBytes} of it (a bound on a recording).
     *
     * @throws IllegalArgumentException when {@code maxDataBytes} is negative or more than a WAV file holds
     */
    public WavWriter(Path file, AudioFormat format, long maxDataBytes) throws IOException {
        if (maxDataBytes < 0 || maxDataBytes > Wav.maxDataBytes(format)) {
            throw new IllegalArgumentException("maxDataBytes must be 0 to " + Wav.maxDataBytes(format)
                    + " (a WAV file's sizes are 32-bit), not " + maxDataBytes);
        }
        this.format = format;
        this.maxDataBytes = maxDataBytes;
        this.headerBytes = Wav.headerBytes(format);
        this.channel = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                StandardOpenOption.TRUNCATE_EXISTING);
        writeFully(ByteBuffer.wrap(Wav.header(0, format)), 0);
    }

    public void write(byte[] pcm) throws IOException {
        write(pcm, 0, pcm.length);
    }

    /**
     * Appends {@code length} bytes of audio.
     *
     * @throws IOException when the writer is closed, the write fails, or the chunk would pass the writer's bound
     *                     (nothing of it is written; the file stays valid)
     */
    public void write(byte[] pcm, int offset, int length) throws IOException {
        if (closed) {
            throw new IOException("WavWriter is closed");
        }
        Objects.checkFromIndexSize(offset, length, pcm.length);
        if (length > maxDataBytes - dataBytes) {
            throw new IOException("WAV file full: " + dataBytes + " bytes of audio written, " + length
                    + " more would pass its bound of " + maxDataBytes + " bytes");
        }
        writeFully(ByteBuffer.wrap(pcm, offset, length), headerBytes + dataBytes);
        dataBytes += length;
    }

    /** Audio bytes written so far. */
    public long dataBytes() {
        return dataBytes;
    }

    @Override
    public void close() throws IOException {
        if (closed) {
            return;
        }
        closed = true;
        try (channel) {
            writeFully(ByteBuffer.wrap(Wav.header(dataBytes, format)), 0);
        }
    }

    private void writeFully(ByteBuffer buffer, long position) throws IOException {
        long pos = position;
        while (buffer.hasRemaining()) {
            pos += channel.write(buffer, pos);
        }
    }
}
