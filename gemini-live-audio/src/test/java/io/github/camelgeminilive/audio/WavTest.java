package io.github.camelgeminilive.audio;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import javax.sound.sampled.AudioFormat;
import javax.sound.sampled.AudioInputStream;
import javax.sound.sampled.AudioSystem;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class WavTest {

    @Test
    void headerFieldsDescribe16BitMonoPcm() {
        byte[] pcm = new byte[4800]; // 100 ms at 24 kHz
        ByteBuffer wav = ByteBuffer.wrap(Wav.toBytes(pcm, 24000)).order(ByteOrder.LITTLE_ENDIAN);
        assertThat(wav.capacity()).isEqualTo(44 + 4800);
        assertThat(ascii(wav, 0)).isEqualTo("RIFF");
        assertThat(wav.getInt(4)).isEqualTo(36 + 4800);
        assertThat(ascii(wav, 8)).isEqualTo("WAVE");
        assertThat(ascii(wav, 12)).isEqualTo("fmt ");
        assertThat(wav.getInt(16)).isEqualTo(16);
        assertThat(wav.getShort(20)).isEqualTo((short) 1); // PCM
        assertThat(wav.getShort(22)).isEqualTo((short) 1); // mono
        assertThat(wav.getInt(24)).isEqualTo(24000);
        assertThat(wav.getInt(28)).isEqualTo(48000); // byte rate
        assertThat(wav.getShort(32)).isEqualTo((short) 2); // block align
        assertThat(wav.getShort(34)).isEqualTo((short) 16);
        assertThat(ascii(wav, 36)).isEqualTo("data");
        assertThat(wav.getInt(40)).isEqualTo(4800);
    }

    @Test
    void javaSoundReadsTheFileBack() throws Exception {
        byte[] pcm = new byte[16000 * 2];
        try (AudioInputStream in = AudioSystem.getAudioInputStream(new ByteArrayInputStream(Wav.toBytes(pcm, 16000)))) {
            AudioFormat f = in.getFormat();
            assertThat(f.getSampleRate()).isEqualTo(16000f);
            assertThat(f.getSampleSizeInBits()).isEqualTo(16);
            assertThat(f.getChannels()).isEqualTo(1);
            assertThat(f.isBigEndian()).isFalse();
            assertThat(in.getFrameLength()).isEqualTo(16000);
        }
    }

    @Test
    void writerStreamsChunksAndFixesTheSizesOnClose(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("out.wav");
        byte[] chunk = new byte[960];
        for (int i = 0; i < chunk.length; i++) {
            chunk[i] = (byte) i;
        }
        try (WavWriter w = new WavWriter(file, 24000)) {
            w.write(chunk);
            w.write(chunk, 0, 480);
            assertThat(w.dataBytes()).isEqualTo(1440);
        }
        byte[] bytes = Files.readAllBytes(file);
        ByteBuffer wav = ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN);
        assertThat(bytes).hasSize(44 + 1440);
        assertThat(wav.getInt(4)).isEqualTo(36 + 1440);
        assertThat(wav.getInt(40)).isEqualTo(1440);
        assertThat(bytes[44 + 961]).isEqualTo(chunk[1]);
    }

    private static String ascii(ByteBuffer b, int at) {
        return new String(b.array(), at, 4, StandardCharsets.US_ASCII);
    }
}
