package io.github.camelgeminilive.emulator.server;

import java.net.URI;

import io.github.camelgeminilive.emulator.GeminiLiveEmulator;

/** The Live API paths, appended to an emulator's base URL the way clients do. */
final class Endpoints {

    static final String KEY = "test-key";

    private Endpoints() {
    }

    static URI gemini(GeminiLiveEmulator emu, String version) {
        return URI.create(emu.baseUrl() + "/ws/google.ai.generativelanguage." + version
                + ".GenerativeService.BidiGenerateContent");
    }

    static URI gemini(GeminiLiveEmulator emu) {
        return gemini(emu, "v1beta");
    }

    static URI constrained(GeminiLiveEmulator emu, String version, String token) {
        return URI.create(emu.baseUrl() + "/ws/google.ai.generativelanguage." + version
                + ".GenerativeService.BidiGenerateContentConstrained?access_token=" + token);
    }

    static URI vertex(GeminiLiveEmulator emu) {
        return URI.create(emu.baseUrl() + "/ws/google.cloud.aiplatform.v1beta1.LlmBidiService/BidiGenerateContent");
    }
}
