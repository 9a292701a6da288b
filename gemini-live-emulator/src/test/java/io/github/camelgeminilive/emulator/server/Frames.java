package io.github.camelgeminilive.emulator.server;

import java.util.Base64;

/** Client frames as raw JSON text, so tests can send exactly what a client would (also invalid frames). */
final class Frames {

    static final String NATIVE_AUDIO = "models/gemini-2.5-flash-native-audio-latest";
    static final String FLASH_LIVE_3_1 = "models/gemini-3.1-flash-live-preview";

    private Frames() {
    }

    static String setup(String model) {
        return "{\"setup\":{\"model\":\"" + model + "\"}}";
    }

    static String setupResuming(String model, String handle) {
        return "{\"setup\":{\"model\":\"" + model + "\",\"sessionResumption\":{\"handle\":\"" + handle + "\"}}}";
    }

    static String text(String text) {
        return "{\"realtimeInput\":{\"text\":\"" + text + "\"}}";
    }

    static String audio(byte[] pcm) {
        return "{\"realtimeInput\":{\"audio\":{\"mimeType\":\"audio/pcm;rate=16000\",\"data\":\""
                + Base64.getEncoder().encodeToString(pcm) + "\"}}}";
    }

    static String video(byte[] jpeg) {
        return "{\"realtimeInput\":{\"video\":{\"mimeType\":\"image/jpeg\",\"data\":\""
                + Base64.getEncoder().encodeToString(jpeg) + "\"}}}";
    }
}
