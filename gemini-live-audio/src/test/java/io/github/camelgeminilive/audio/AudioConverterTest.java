package io.github.camelgeminilive.audio;

import static io.github.camelgeminilive.audio.Signals.db;
import static io.github.camelgeminilive.audio.Signals.frequency;
import static io.github.camelgeminilive.audio.Signals.rms;
import static io.github.camelgeminilive.audio.Signals.tone;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.lang.management.ManagementFactory;
import java.util.Arrays;

import org.junit.jupiter.api.Test;

/** The two conversions of a phone call, frame by frame as they stream. */
class AudioConverterTest {

    @Test
    void aCallersMuLawBecomesSixteenKilohertzPcmAndTheModelsReplyBecomesMuLaw() {
        AudioConverter toModel = new AudioConverter(AudioFormat.MULAW_8K, AudioFormat.PCM_16K);
        AudioConverter toCaller = new AudioConverter(AudioFormat.PCM_24K, AudioFormat.MULAW_8K);
        assertThat(toModel.maxOutputBytes(160)).isEqualTo(640);
        assertThat(toCaller.maxOutputBytes(960)).isEqualTo(160);

        byte[] caller = new AudioConverter(AudioFormat.PCM_8K, AudioFormat.MULAW_8K)
                .convert(pcm(tone(1000, 8_000, 1.0, 16_384)));
        byte[] model = streamInFrames(toModel, caller, 160);
        assertThat(model).hasSize(2 * 16_000);
        assertTone(samples(model), 16_000);

        byte[] reply = streamInFrames(toCaller, pcm(tone(1000, 24_000, 1.0, 16_384)), 960);
        assertThat(reply).hasSize(8_000);
        assertTone(samples(new AudioConverter(AudioFormat.MULAW_8K, AudioFormat.PCM_8K).convert(reply)), 8_000);
    }

    @Test
    void framesOfAnySizeGiveTheOutputOfTheWholeStreamEvenSplittingASample() {
        byte[] pcm = pcm(tone(440, 24_000, 0.2, 20_000));
        byte[] whole = new AudioConverter(AudioFormat.PCM_24K, AudioFormat.ALAW_8K).convert(pcm);
        for (int frame : new int[] {960, 1, 3, 777, 5000}) {
            assertThat(streamInFrames(new AudioConverter(AudioFormat.PCM_24K, AudioFormat.ALAW_8K), pcm, frame))
                    .as("frames of %d bytes", frame).isEqualTo(whole);
        }
        AudioConverter sameRate = new AudioConverter(AudioFormat.PCM_16K, AudioFormat.PCM_16K);
        assertThat(streamInFrames(sameRate, pcm, 3)).isEqualTo(pcm);
    }

    @Test
    void convertingAFrameAllocatesNothingAfterWarmUp() {
        com.sun.management.ThreadMXBean threads = (com.sun.management.ThreadMXBean) ManagementFactory
                .getThreadMXBean();
        AudioConverter toModel = new AudioConverter(AudioFormat.MULAW_8K, AudioFormat.PCM_16K);
        AudioConverter toCaller = new AudioConverter(AudioFormat.PCM_24K, AudioFormat.MULAW_8K);
        byte[] mulaw = new byte[160];
        Arrays.fill(mulaw, (byte) 0x55);
        byte[] pcm24 = pcm(tone(1000, 24_000, 0.02, 10_000));
        byte[] out = new byte[640];
        for (int i = 0; i < 20_000; i++) {
            toModel.convert(mulaw, 0, mulaw.length, out, 0);
            toCaller.convert(pcm24, 0, pcm24.length, out, 0);
        }
        long id = Thread.currentThread().getId();
        long before = threads.getThreadAllocatedBytes(id);
        for (int i = 0; i < 1_000; i++) {
            toModel.convert(mulaw, 0, mulaw.length, out, 0);
            toCaller.convert(pcm24, 0, pcm24.length, out, 0);
        }
        assertThat(threads.getThreadAllocatedBytes(id) - before).isLessThan(1_000);
    }

    @Test
    void aTooSmallOutputBufferIsRefusedBeforeAnythingIsConverted() {
        AudioConverter c = new AudioConverter(AudioFormat.MULAW_8K, AudioFormat.PCM_16K);
        assertThatThrownBy(() -> c.convert(new byte[160], 0, 160, new byte[639], 0))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("640 needed for 160 bytes in");
        assertThatThrownBy(() -> c.convert(new byte[160], 100, 100, new byte[640], 0))
                .isInstanceOf(IndexOutOfBoundsException.class);
    }

    @Test
    void formatsParseFromMimeTypesAndUnknownOnesAreClearErrors() {
        assertThat(AudioFormat.parse("audio/x-mulaw")).isEqualTo(AudioFormat.MULAW_8K);
        assertThat(AudioFormat.parse("Audio/PCM; rate=24000")).isEqualTo(AudioFormat.PCM_24K);
        assertThat(AudioFormat.parse("audio/pcma")).isEqualTo(AudioFormat.ALAW_8K);
        assertThat(AudioFormat.MULAW_8K.mimeType()).isEqualTo("audio/x-mulaw;rate=8000");
        assertThat(AudioFormat.MULAW_8K.bytesFor(20)).isEqualTo(160);
        assertThat(AudioFormat.PCM_24K.bytesFor(20)).isEqualTo(960);
        assertThatThrownBy(() -> AudioFormat.parse("audio/pcm")).hasMessageContaining("needs its rate");
        assertThatThrownBy(() -> AudioFormat.parse("audio/opus")).hasMessageContaining("Unknown audio format");
        assertThatThrownBy(() -> AudioFormat.parse("audio/pcm;rate=x")).hasMessageContaining("not a whole number");
        assertThatThrownBy(() -> AudioFormat.parse("audio/pcm;rate=4000")).hasMessageContaining("4000 Hz");
        assertThatThrownBy(() -> AudioFormat.parse("audio/pcm;" + "x".repeat(300))).hasMessageContaining("over");
    }

    private static void assertTone(short[] s, int rate) {
        int from = rate / 20;
        int to = s.length - rate / 20;
        assertThat(frequency(s, from, to, rate)).isCloseTo(1000.0, within(0.5));
        assertThat(db(rms(s, from, to) / (16_384 / Math.sqrt(2)))).isCloseTo(0.0, within(0.5));
    }

    private static byte[] streamInFrames(AudioConverter c, byte[] in, int frame) {
        byte[] out = new byte[c.maxOutputBytes(in.length) + 16];
        byte[] buffer = new byte[c.maxOutputBytes(frame)];
        int written = 0;
        for (int i = 0; i < in.length; i += frame) {
            int n = c.convert(in, i, Math.min(frame, in.length - i), buffer, 0);
            System.arraycopy(buffer, 0, out, written, n);
            written += n;
        }
        return Arrays.copyOf(out, written);
    }

    static byte[] pcm(short[] samples) {
        byte[] b = new byte[samples.length * 2];
        for (int i = 0; i < samples.length; i++) {
            b[2 * i] = (byte) samples[i];
            b[2 * i + 1] = (byte) (samples[i] >> 8);
        }
        return b;
    }

    static short[] samples(byte[] pcm) {
        short[] s = new short[pcm.length / 2];
        for (int i = 0; i < s.length; i++) {
            s[i] = (short) ((pcm[2 * i] & 0xFF) | pcm[2 * i + 1] << 8);
        }
        return s;
    }
}
