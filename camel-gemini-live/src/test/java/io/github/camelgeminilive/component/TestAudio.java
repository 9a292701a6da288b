package io.github.camelgeminilive.component;

/** Synthetic 16 kHz 16-bit little-endian mono PCM: a loud tone the emulator's VAD hears as speech, and silence. */
final class TestAudio {

    static final int RATE = 16_000;

    private TestAudio() {
    }

    static byte[] tone(int millis) {
        int samples = RATE * millis / 1000;
        byte[] pcm = new byte[samples * 2];
        for (int i = 0; i < samples; i++) {
            short s = (short) (8000 * Math.sin(2 * Math.PI * 220 * i / RATE));
            pcm[2 * i] = (byte) s;
            pcm[2 * i + 1] = (byte) (s >> 8);
        }
        return pcm;
    }

    static byte[] silence(int millis) {
        return new byte[RATE * millis / 1000 * 2];
    }

    /** {@code millis} of silence whose first sample is {@code stamp} (too faint for a VAD to hear). */
    static byte[] stamped(int millis, int stamp) {
        byte[] pcm = silence(millis);
        pcm[0] = (byte) stamp;
        pcm[1] = (byte) (stamp >> 8);
        return pcm;
    }

    static int firstSample(byte[] pcm) {
        return pcm.length < 2 ? -1 : (short) ((pcm[0] & 0xFF) | (pcm[1] << 8));
    }

    static byte[] concat(byte[]... parts) {
        int length = 0;
        for (byte[] p : parts) {
            length += p.length;
        }
        byte[] all = new byte[length];
        int at = 0;
        for (byte[] p : parts) {
            System.arraycopy(p, 0, all, at, p.length);
            at += p.length;
        }
        return all;
    }
}
