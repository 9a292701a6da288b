package io.github.camelgeminilive.examples.filedrop;

import java.io.BufferedInputStream;
import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Iterator;
import java.util.NoSuchElementException;

import io.github.camelgeminilive.audio.PcmStream;
import io.github.camelgeminilive.audio.WavReader;

/**
 * A dropped WAV file's audio for the route's split: read by {@link WavReader} as 16-bit mono PCM at the file's own
 * rate, in chunks of {@value #CHUNK_MILLIS} ms, one ahead, so the file is never held whole. Closing it closes the
 * file.
 */
final class WavChunks implements Iterator<byte[]>, Closeable {

    /** Audio per chunk: what the Live API's guides suggest sending at a time (20 to 100 ms). */
    static final int CHUNK_MILLIS = 100;

    private final PcmStream pcm;
    private final int chunkBytes;
    private byte[] next;
    private long samples;

    private WavChunks(PcmStream pcm) {
        this.pcm = pcm;
        this.chunkBytes = 2 * samplesPerChunk(pcm.sampleRate());
    }

    /**
     * Opens {@code file} and reads its first chunk.
     *
     * @throws IOException a file that is not a WAV file of a format read here (the message says what it holds), one
     *                     without audio, or a failed read
     */
    static WavChunks open(Path file) throws IOException {
        InputStream in = new BufferedInputStream(Files.newInputStream(file));
        try {
            WavChunks chunks = new WavChunks(WavReader.read(in));
            chunks.advance();
            if (chunks.next == null) {
                throw new IOException("The WAV file holds no audio");
            }
            return chunks;
        } catch (IOException | RuntimeException e) {
            in.close();
            throw e;
        }
    }

    /** Samples of a chunk at {@code sampleRate}. */
    static int samplesPerChunk(int sampleRate) {
        return Math.max(1, sampleRate * CHUNK_MILLIS / 1000);
    }

    /** The file's sample rate. */
    int sampleRate() {
        return pcm.sampleRate();
    }

    /** Samples read so far, the chunk ahead included. */
    long samples() {
        return samples;
    }

    @Override
    public boolean hasNext() {
        return next != null;
    }

    @Override
    public byte[] next() {
        if (next == null) {
            throw new NoSuchElementException();
        }
        byte[] chunk = next;
        try {
            advance();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return chunk;
    }

    private void advance() throws IOException {
        byte[] chunk = pcm.pcm().readNBytes(chunkBytes);
        int whole = chunk.length & ~1; // a byte of a sample the file cut off is no sample
        if (whole == 0) {
            next = null;
            return;
        }
        next = whole == chunk.length ? chunk : Arrays.copyOf(chunk, whole);
        samples += whole / 2;
    }

    @Override
    public void close() throws IOException {
        pcm.close();
    }
}
