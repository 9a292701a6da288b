package io.github.camelgeminilive.emulator.model;

/** Test helpers for 16-bit little-endian mono PCM. */
final class Pcm {

    private Pcm() {
    }

    static double rms(byte[] pcm, int firstSample, int samples) {
        double sum = 0;
        for (int i = firstSample; i < firstSample + samples; i++) {
            int s = (short) ((pcm[2 * i + 1] << 8) | (pcm[2 * i] & 0xFF));
            sum += (double) s * s;
        }
        return Math.sqrt(sum / Math.max(1, samples));
    }

    /** The share of 20 ms frames whose RMS is under 500. */
    static double quietFrameShare(byte[] pcm, int rate) {
        int frame = rate / 50;
        int frames = pcm.length / 2 / frame;
        int quiet = 0;
        for (int f = 0; f < frames; f++) {
            if (rms(pcm, f * frame, frame) < 500) {
                quiet++;
            }
        }
        return quiet / (double) frames;
    }

    /** Speech-like test input at {@code rate}: {@code ms} of syllables from the model's own synthesizer, resampled. */
    static byte[] speech(int rate, int ms) {
        SpeechSynthesizer synth = new SpeechSynthesizer("Kore", "user speech");
        byte[] at24k = synth.render(0, 24 * ms);
        int samples = rate * ms / 1000;
        byte[] out = new byte[samples * 2];
        for (int i = 0; i < samples; i++) {
            int src = (int) ((long) i * 24_000 / rate);
            out[2 * i] = at24k[2 * src];
            out[2 * i + 1] = at24k[2 * src + 1];
        }
        return out;
    }

    static byte[] silence(int rate, int ms) {
        return new byte[rate * ms / 1000 * 2];
    }
}
