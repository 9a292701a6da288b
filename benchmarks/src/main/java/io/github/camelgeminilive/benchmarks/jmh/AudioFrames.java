package io.github.camelgeminilive.benchmarks.jmh;

import java.util.List;

import io.github.camelgeminilive.protocol.Content;
import io.github.camelgeminilive.protocol.LiveJson;
import io.github.camelgeminilive.protocol.Part;
import io.github.camelgeminilive.protocol.ServerContent;
import io.github.camelgeminilive.protocol.ServerMessage;

/** The payloads the benchmarks move: speech-like PCM and the server message the emulator sends for it. */
public final class AudioFrames {

    /** 20 ms of 16 kHz 16-bit mono: what a microphone loop sends 50 times a second. */
    public static final int INPUT_FRAME_BYTES = 640;
    /** 40 ms of 24 kHz 16-bit mono: one chunk of model audio. */
    public static final int OUTPUT_CHUNK_BYTES = 1920;
    public static final String INPUT_MIME = "audio/pcm;rate=16000";
    public static final String OUTPUT_MIME = "audio/pcm;rate=24000";

    private AudioFrames() {
    }

    /** A 440 Hz tone with some noise at {@code amplitude}: loud enough for the emulator's VAD, like speech. */
    public static byte[] tone(int bytes, int sampleRate, int amplitude, long seed) {
        byte[] pcm = new byte[bytes];
        java.util.Random random = new java.util.Random(seed);
        for (int i = 0; i < bytes / 2; i++) {
            double s = Math.sin(2 * Math.PI * 440 * i / sampleRate) * amplitude + random.nextGaussian() * 200;
            short v = (short) Math.max(Short.MIN_VALUE, Math.min(Short.MAX_VALUE, Math.round(s)));
            pcm[2 * i] = (byte) v;
            pcm[2 * i + 1] = (byte) (v >> 8);
        }
        return pcm;
    }

    /** {@code serverContent.modelTurn} with one inline-data part, as the emulator writes it (UTF-8 JSON bytes). */
    public static byte[] serverAudioMessage(byte[] pcm) {
        return LiveJson.get().writeBytes(ServerMessage.of(ServerContent.ofModelTurn(
                new Content("model", List.of(Part.ofInlineData(OUTPUT_MIME, pcm))))));
    }
}
