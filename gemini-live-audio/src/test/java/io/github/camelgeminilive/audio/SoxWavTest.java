package io.github.camelgeminilive.audio;

import static io.github.camelgeminilive.audio.Signals.db;
import static io.github.camelgeminilive.audio.Signals.frequency;
import static io.github.camelgeminilive.audio.Signals.rms;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;

import javax.sound.sampled.AudioInputStream;
import javax.sound.sampled.AudioSystem;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The WAV files sox writes (src/test/resources/README.md: 0.1 s of 1 kHz at half scale, 8 kHz) read as that tone
 * in every format, and the G.711 files written here read back as written.
 */
class SoxWavTest {

    @ParameterizedTest
    @ValueSource(strings = {"s16", "u8", "s24", "stereo", "mulaw", "alaw"})
    void everyFormatSoxWritesReadsAsTheSameTone(String format) throws IOException {
        short[] reference = read("tone-s16.wav");
        short[] samples = read("tone-" + format + ".wav");
        assertThat(samples).hasSameSizeAs(reference).hasSize(800);
        assertThat(frequency(samples, 0, samples.length, 8_000)).isCloseTo(1000.0, within(0.5));
        assertThat(db(rms(samples, 0, samples.length) / rms(reference, 0, reference.length))).isCloseTo(0.0,
                within(0.1));
        int tolerance = switch (format) {
            case "s16", "stereo" -> 0; // both channels carry the tone, their mean is the tone
            case "s24" -> 1; // rounding 24 bits to 16 vs sox's own 16-bit rounding
            case "u8" -> 128 + 1;
            default -> 512 + 4; // half the G.711 step at half scale (1024), and rounding to 13/14 bits
        };
        for (int i = 0; i < samples.length; i++) {
            assertThat(samples[i]).as("sample %d", i).isCloseTo(reference[i], within((short) tolerance));
        }
    }

    @Test
    void muLawFileSamplesAreTheG711TableValuesOfItsBytes() throws IOException {
        byte[] file = G711Test.resource("wav/tone-mulaw.wav");
        byte[] codes = Arrays.copyOfRange(file, file.length - 800, file.length); // the data chunk ends the file
        short[] samples = read("tone-mulaw.wav");
        for (int i = 0; i < codes.length; i++) {
            assertThat(samples[i]).isEqualTo(G711.MU_LAW.decode(codes[i]));
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"audio/x-mulaw", "audio/x-alaw", "audio/pcm;rate=8000"})
    void filesWrittenHereReadBackAndJavaSoundAgrees(String mime, @TempDir Path dir) throws Exception {
        AudioFormat format = AudioFormat.parse(mime);
        short[] tone = read("tone-s16.wav");
        AudioConverter encoder = new AudioConverter(AudioFormat.PCM_8K, format);
        byte[] pcm = new byte[tone.length * 2];
        for (int i = 0; i < tone.length; i++) {
            pcm[2 * i] = (byte) tone[i];
            pcm[2 * i + 1] = (byte) (tone[i] >> 8);
        }
        byte[] data = encoder.convert(pcm);
        Path file = dir.resolve("out.wav");
        try (WavWriter writer = new WavWriter(file, format)) {
            writer.write(data, 0, 100);
            writer.write(data, 100, data.length - 100);
        }
        byte[] bytes = Files.readAllBytes(file);
        assertThat(bytes).isEqualTo(Wav.toBytes(data, format)).hasSize(Wav.headerBytes(format) + data.length);
        short[] back = samples(WavReader.read(new ByteArrayInputStream(bytes)));
        AudioConverter decoder = new AudioConverter(format, AudioFormat.PCM_8K);
        assertThat(back).isEqualTo(samples(new PcmStream(new ByteArrayInputStream(decoder.convert(data)), 8000)));
        try (AudioInputStream in = AudioSystem.getAudioInputStream(new ByteArrayInputStream(bytes))) {
            assertThat(in.getFormat().getEncoding().toString()).isEqualTo(switch (format.encoding()) {
                case MULAW -> "ULAW";
                case ALAW -> "ALAW";
                case PCM -> "PCM_SIGNED";
            });
            assertThat(in.getFrameLength()).isEqualTo(tone.length);
        }
    }

    private static short[] read(String name) throws IOException {
        return samples(WavReader.read(new ByteArrayInputStream(G711Test.resource("wav/" + name))));
    }

    private static short[] samples(PcmStream pcm) throws IOException {
        int[] s = WavReaderTest.samples(pcm);
        short[] out = new short[s.length];
        for (int i = 0; i < s.length; i++) {
            out[i] = (short) s[i];
        }
        return out;
    }
}
