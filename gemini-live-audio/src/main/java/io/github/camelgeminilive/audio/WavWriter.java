package io.github.camelgeminilive.audio;

import java.io.Closeable;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * Streams audio chunks (16-bit PCM, or G.711) into a WAV file as they arrive; {@link #close()} writes the final sizes
 * into the header, so the file is valid once closed. Not thread-safe.
 */
public final class WavWriter implements Closeable {

    private final FileChannel channel;
    private final AudioFormat format;
    private final int headerBytes;
    private long dataBytes;
    private boolean closed;

    /** A writer of 16-bit mono PCM at {@code sampleRate}. */
    public WavWriter(Path file, int sampleRate) throws IOException {
        this(file, new AudioFormat(AudioFormat.Encoding.PCM, sampleRate));
    }

    /** A writer of mono audio in {@code format} (16-bit PCM, mu-law or A-law). */
    public WavWriter(Path file, AudioFormat format) throws IOException {
        this.format = format;
        this.headerBytes = Wav.headerBytes(format);
        this.channel = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                StandardOpenOption.TRUNCATE_EXISTING);
        writeFully(ByteBuffer.wrap(Wav.header(0, format)), 0);
    }

    public void write(byte[] pcm) throws IOException {
        write(pcm, 0, pcm.length);
    }

    public void write(byte[] pcm, int offset, int length) throws IOException {
        if (closed) {
            throw new IOException("WavWriter is closed");
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
