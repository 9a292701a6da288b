package io.github.camelgeminilive.telephony.twilio;

/**
 * TEMPORARY stand-in until h14a's gemini-live-audio converter is merged: naive conversions so the bridge runs.
 */
final class CallAudio {

    private byte[] caller = new byte[960];

    byte[] toModel(byte[] mulaw) {
        byte[] pcm = new byte[mulaw.length * 4];
        for (int i = 0; i < mulaw.length; i++) {
            int s = decode(mulaw[i]);
            for (int k = 0; k < 2; k++) {
                pcm[4 * i + 2 * k] = (byte) s;
                pcm[4 * i + 2 * k + 1] = (byte) (s >> 8);
            }
        }
        return pcm;
    }

    int toCaller(byte[] pcm24k) {
        int n = pcm24k.length / 6;
        if (caller.length < n) {
            caller = new byte[n];
        }
        for (int i = 0; i < n; i++) {
            int s = (short) ((pcm24k[6 * i + 1] << 8) | (pcm24k[6 * i] & 0xFF));
            caller[i] = encode(s);
        }
        return n;
    }

    byte[] callerBuffer() {
        return caller;
    }

    void resetToCaller() {
    }

    static int decode(byte b) {
        int u = ~b & 0xFF;
        int t = ((u & 0x0F) << 3) + 0x84;
        t <<= (u & 0x70) >> 4;
        return (u & 0x80) != 0 ? 0x84 - t : t - 0x84;
    }

    static byte encode(int pcm) {
        int mask = pcm < 0 ? 0x7F : 0xFF;
        int p = Math.min(Math.abs(pcm), 32635) + 0x84;
        int seg = 7;
        for (int m = 0x4000; (p & m) == 0 && seg > 0; m >>= 1) {
            seg--;
        }
        return (byte) (((seg << 4) | ((p >> (seg + 3)) & 0x0F)) ^ mask);
    }
}
