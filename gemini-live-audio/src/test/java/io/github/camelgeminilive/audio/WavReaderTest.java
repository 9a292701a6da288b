package io.github.camelgeminilive.audio;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

import org.junit.jupiter.api.Test;

/** WAV headers are parsed and bounded; the data chunk is streamed, and only it. */
class WavReaderTest {

    private static final byte[] PCM = {1, 2, 3, 4, 5, 6, 7, 8};

    @Test
    void readsWhatWavWritesAtItsRate() throws IOException {
        try (PcmStream pcm = WavReader.read(new ByteArrayInputStream(Wav.toBytes(PCM, 24_000)))) {
            assertThat(pcm.sampleRate()).isEqualTo(24_000);
            assertThat(pcm.pcm().readAllBytes()).isEqualTo(PCM);
        }
    }

    @Test
    void skipsOtherChunksWithTheirPaddingAndStopsAtTheEndOfTheDataChunk() throws IOException {
        ByteArrayOutputStream wav = new ByteArrayOutputStream();
        wav.writeBytes(riff());
        wav.writeBytes(chunk("LIST", new byte[3])); // odd size: one pad byte follows
        wav.write(0);
        wav.writeBytes(fmt(1, 1, 8_000, 16));
        wav.writeBytes(chunk("data", PCM));
        wav.writeBytes(chunk("id3 ", new byte[16])); // metadata after the audio is not audio

        try (PcmStream pcm = WavReader.read(new ByteArrayInputStream(wav.toByteArray()))) {
            assertThat(pcm.sampleRate()).isEqualTo(8_000);
            assertThat(pcm.pcm().readAllBytes()).isEqualTo(PCM);
        }
    }

    @Test
    void aDataChunkOfUnknownSizeIsReadToTheEnd() throws IOException {
        byte[] wav = Wav.toBytes(PCM, 16_000);
        ByteBuffer.wrap(wav).order(ByteOrder.LITTLE_ENDIAN).putInt(Wav.HEADER_BYTES - 4, 0xFFFF_FFFF);

        assertThat(WavReader.read(new ByteArrayInputStream(wav)).pcm().readAllBytes()).isEqualTo(PCM);
    }

    @Test
    void anythingButSixteenBitMonoPcmIsRefusedSayingWhatItIs() {
        assertThatThrownBy(() -> read(fmt(1, 2, 16_000, 16))).hasMessageContaining("2 channel(s) of 16-bit");
        assertThatThrownBy(() -> read(fmt(1, 1, 16_000, 8))).hasMessageContaining("1 channel(s) of 8-bit");
        assertThatThrownBy(() -> read(fmt(3, 1, 16_000, 32))).hasMessageContaining("format 3 is not PCM");
        assertThatThrownBy(() -> read(fmt(1, 1, 1_000_000, 16))).hasMessageContaining("1000000 Hz");
    }

    @Test
    void brokenHeadersAreClearErrors() {
        assertThatThrownBy(() -> WavReader.read(new ByteArrayInputStream("RIFF....AVI LIST".getBytes(
                StandardCharsets.US_ASCII)))).isInstanceOf(IOException.class).hasMessageContaining("Not a WAV file");
        assertThatThrownBy(() -> WavReader.read(new ByteArrayInputStream(Arrays.copyOf(Wav.toBytes(PCM, 16_000),
                30)))).isInstanceOf(EOFException.class).hasMessageContaining("ends inside its fmt chunk");
        assertThatThrownBy(() -> read(chunk("data", PCM))).hasMessageContaining("data chunk comes before");
        ByteArrayOutputStream huge = new ByteArrayOutputStream();
        huge.writeBytes(riff());
        huge.writeBytes(chunk("LIST", new byte[0]));
        byte[] wav = huge.toByteArray();
        ByteBuffer.wrap(wav).order(ByteOrder.LITTLE_ENDIAN).putInt(16, 0x7FFF_FFFF); // claims 2 GB of metadata
        assertThatThrownBy(() -> WavReader.read(new ByteArrayInputStream(wav)))
                .hasMessageContaining("over " + WavReader.MAX_SKIPPED_BYTES + " bytes of chunks");
    }

    @Test
    void isWavProbesWithoutConsuming() throws IOException {
        InputStream wav = WavReader.markable(new ByteArrayInputStream(Wav.toBytes(PCM, 16_000)) {
            @Override
            public boolean markSupported() {
                return false;
            }
        });
        InputStream raw = WavReader.markable(new ByteArrayInputStream(PCM));

        assertThat(WavReader.isWav(wav)).isTrue();
        assertThat(WavReader.read(wav).pcm().readAllBytes()).isEqualTo(PCM);
        assertThat(WavReader.isWav(raw)).isFalse();
        assertThat(raw.readAllBytes()).isEqualTo(PCM);
    }

    private static PcmStream read(byte[] chunks) throws IOException {
        ByteArrayOutputStream wav = new ByteArrayOutputStream();
        wav.writeBytes(riff());
        wav.writeBytes(chunks);
        wav.writeBytes(chunk("data", PCM));
        return WavReader.read(new ByteArrayInputStream(wav.toByteArray()));
    }

    private static byte[] riff() {
        ByteBuffer b = ByteBuffer.allocate(12).order(ByteOrder.LITTLE_ENDIAN);
        b.put("RIFF".getBytes(StandardCharsets.US_ASCII)).putInt(0).put("WAVE".getBytes(StandardCharsets.US_ASCII));
        return b.array();
    }

    private static byte[] fmt(int format, int channels, int rate, int bits) {
        ByteBuffer b = ByteBuffer.allocate(16).order(ByteOrder.LITTLE_ENDIAN);
        b.putShort((short) format).putShort((short) channels).putInt(rate).putInt(rate * channels * bits / 8)
                .putShort((short) (channels * bits / 8)).putShort((short) bits);
        return chunk("fmt ", b.array());
    }

    private static byte[] chunk(String id, byte[] body) {
        ByteBuffer b = ByteBuffer.allocate(8 + body.length).order(ByteOrder.LITTLE_ENDIAN);
        b.put(id.getBytes(StandardCharsets.US_ASCII)).putInt(body.length).put(body);
        return b.array();
    }
}
