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
    void formatsNotReadHereAreRefusedSayingWhatTheyAre() {
        assertThatThrownBy(() -> read(fmt(1, 3, 16_000, 16))).hasMessageContaining("3 channels; read here: mono or");
        assertThatThrownBy(() -> read(fmt(1, 1, 16_000, 12))).hasMessageContaining("format 1 with 12-bit samples");
        assertThatThrownBy(() -> read(fmt(3, 1, 16_000, 32))).hasMessageContaining("format 3 with 32-bit");
        assertThatThrownBy(() -> read(fmt(7, 1, 8_000, 16))).hasMessageContaining("format 7 with 16-bit");
        assertThatThrownBy(() -> read(fmt(1, 1, 1_000_000, 16))).hasMessageContaining("1000000 Hz");
        byte[] badAlign = fmt(1, 2, 16_000, 16);
        badAlign[8 + 12] = 2; // two bytes a frame for two 16-bit channels
        assertThatThrownBy(() -> read(badAlign)).hasMessageContaining("2 bytes per frame for 2 channel(s)");
    }

    @Test
    void stereoIsDownmixedToTheMeanOfItsChannels() throws IOException {
        ByteBuffer frames = ByteBuffer.allocate(12).order(ByteOrder.LITTLE_ENDIAN);
        frames.putShort((short) 1000).putShort((short) 3000).putShort((short) -32768).putShort((short) -32768)
                .putShort((short) 32767).putShort((short) -32767);
        assertThat(samples(read(fmt(1, 2, 16_000, 16), frames.array()))).containsExactly(2000, -32768, 0);
    }

    @Test
    void eightAndTwentyFourAndThirtyTwoBitSamplesBecomeSixteenBitsRounded() throws IOException {
        byte[] eight = {(byte) 0x80, (byte) 0xFF, 0};
        assertThat(samples(read(fmt(1, 1, 8_000, 8), eight))).containsExactly(0, 127 << 8, -32768);
        // 24-bit 0x123480 rounds up to 0x1235; 0x7FFFFF would round past the top: it stays 32767
        byte[] twentyFour = {(byte) 0x80, 0x34, 0x12, (byte) 0xFF, (byte) 0xFF, 0x7F, 0, 0, (byte) 0x80};
        assertThat(samples(read(fmt(1, 1, 8_000, 24), twentyFour))).containsExactly(0x1235, 32767, -32768);
        byte[] thirtyTwo = {0, 0, 0x34, 0x12, 0, (byte) 0x80, (byte) 0xFF, (byte) 0xFF};
        assertThat(samples(read(fmt(1, 1, 8_000, 32), thirtyTwo))).containsExactly(0x1234, 0);
    }

    @Test
    void dataEndingInsideAFrameIsAClearError() {
        assertThatThrownBy(() -> read(fmt(1, 2, 8_000, 16), new byte[] {1, 2, 3, 4, 5, 6}).pcm().readAllBytes())
                .isInstanceOf(EOFException.class).hasMessageContaining("ends inside a sample frame (2 of 4 bytes)");
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
        return read(chunks, PCM);
    }

    private static PcmStream read(byte[] chunks, byte[] data) throws IOException {
        ByteArrayOutputStream wav = new ByteArrayOutputStream();
        wav.writeBytes(riff());
        wav.writeBytes(chunks);
        wav.writeBytes(chunk("data", data));
        return WavReader.read(new ByteArrayInputStream(wav.toByteArray()));
    }

    static int[] samples(PcmStream pcm) throws IOException {
        ByteBuffer b = ByteBuffer.wrap(pcm.pcm().readAllBytes()).order(ByteOrder.LITTLE_ENDIAN);
        int[] s = new int[b.capacity() / 2];
        for (int i = 0; i < s.length; i++) {
            s[i] = b.getShort(2 * i);
        }
        return s;
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
