package io.github.camelgeminilive.audio;

import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.util.Objects;

/**
 * 16-bit little-endian mono PCM to be read from {@code pcm}, at {@code sampleRate} samples a second; closing it
 * closes the stream.
 *
 * @param pcm        the samples, read to its end
 * @param sampleRate samples a second, e.g. 16000
 */
public record PcmStream(InputStream pcm, int sampleRate) implements Closeable {

    public PcmStream {
        Objects.requireNonNull(pcm, "pcm");
        if (sampleRate <= 0) {
            throw new IllegalArgumentException("Sample rate must be positive: " + sampleRate);
        }
    }

    @Override
    public void close() throws IOException {
        pcm.close();
    }
}
