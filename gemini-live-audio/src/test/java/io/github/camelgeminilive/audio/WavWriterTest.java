package io.github.camelgeminilive.audio;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The bounds of a WAV file being written: the format's 32-bit sizes, the caller's bound, the chunk's indices. */
class WavWriterTest {

    @Test
    void aChunkPastTheWritersBoundIsRefusedWholeAndTheFileStaysValid(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("bounded.wav");
        try (WavWriter w = new WavWriter(file, AudioFormat.MULAW_8K, 1000)) {
            w.write(new byte[600]);
            assertThatThrownBy(() -> w.write(new byte[401])).isInstanceOf(IOException.class)
                    .hasMessage(
                            "WAV file full: 600 bytes of audio written, 401 more would pass its bound of 1000 bytes");
            w.write(new byte[400]);
            assertThatThrownBy(() -> w.write(new byte[1])).isInstanceOf(IOException.class);
        }
        assertThat(Files.size(file)).isEqualTo(58 + 1000);
        try (PcmStream pcm = WavReader.read(Files.newInputStream(file))) {
            assertThat(pcm.pcm().readAllBytes()).hasSize(2000); // 1000 mu-law samples as 16-bit PCM
        }
    }

    @Test
    void aWriterHoldsNoMoreThanAWavFileCan(@TempDir Path dir) {
        // the RIFF size (the file less 8 bytes) is 32-bit
        assertThat(Wav.maxDataBytes(AudioFormat.PCM_16K)).isEqualTo(0xFFFF_FFFFL - 36);
        assertThat(Wav.maxDataBytes(AudioFormat.MULAW_8K)).isEqualTo(0xFFFF_FFFFL - 50);
        ByteBuffer header = ByteBuffer.wrap(Wav.header(Wav.maxDataBytes(AudioFormat.PCM_16K), AudioFormat.PCM_16K))
                .order(ByteOrder.LITTLE_ENDIAN);
        assertThat(Integer.toUnsignedLong(header.getInt(4))).isEqualTo(0xFFFF_FFFFL);
        assertThatThrownBy(() -> Wav.header(Wav.maxDataBytes(AudioFormat.PCM_16K) + 1, AudioFormat.PCM_16K))
                .isInstanceOf(IllegalArgumentException.class);

        Path file = dir.resolve("huge.wav");
        long tooMuch = Wav.maxDataBytes(AudioFormat.PCM_16K) + 1;
        assertThatThrownBy(() -> new WavWriter(file, AudioFormat.PCM_16K, tooMuch))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("32-bit");
        assertThatThrownBy(() -> new WavWriter(file, AudioFormat.PCM_16K, -1))
                .isInstanceOf(IllegalArgumentException.class);
        assertThat(file).doesNotExist();
    }

    @Test
    void aChunkOutsideItsArrayIsRefused(@TempDir Path dir) throws Exception {
        try (WavWriter w = new WavWriter(dir.resolve("out.wav"), 16000)) {
            assertThatThrownBy(() -> w.write(new byte[10], 8, 4)).isInstanceOf(IndexOutOfBoundsException.class);
            assertThat(w.dataBytes()).isZero();
        }
    }
}
