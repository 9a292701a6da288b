package io.github.camelgeminilive.examples.quickstart;

import io.github.camelgeminilive.component.GeminiLiveConfiguration;
import io.github.camelgeminilive.emulator.GeminiLiveEmulator;

/**
 * Where the live session goes: Google's Gemini API when an API key is given, otherwise an emulator started in
 * this process. The route is the same for both; only the key and the base URL differ.
 */
final class LiveBackend implements AutoCloseable {

    /** The emulator accepts any non-empty key when it was not given one. */
    private static final String EMULATOR_KEY = "quickstart-emulator";

    private final String apiKey;
    private final String baseUrl;
    private final GeminiLiveEmulator emulator;

    private LiveBackend(String apiKey, String baseUrl, GeminiLiveEmulator emulator) {
        this.apiKey = apiKey;
        this.baseUrl = baseUrl;
        this.emulator = emulator;
    }

    /** Google when {@code apiKey} is set, else a freshly started emulator speaking in real time. */
    static LiveBackend choose(String apiKey) {
        if (apiKey != null && !apiKey.isBlank()) {
            return new LiveBackend(apiKey.strip(), GeminiLiveConfiguration.DEFAULT_BASE_URL, null);
        }
        GeminiLiveEmulator emulator = GeminiLiveEmulator.builder().pace(1.0).build().start();
        return new LiveBackend(EMULATOR_KEY, emulator.baseUrl().toString(), emulator);
    }

    String apiKey() {
        return apiKey;
    }

    String baseUrl() {
        return baseUrl;
    }

    /** One line for the user; never shows the key. */
    String describe() {
        return emulator == null
                ? "Gemini Live API at " + baseUrl + " (GEMINI_API_KEY is set)"
                : "embedded Gemini Live emulator at " + baseUrl + " (set GEMINI_API_KEY to talk to Google)";
    }

    @Override
    public void close() {
        if (emulator != null) {
            emulator.close();
        }
    }

    @Override
    public String toString() {
        return describe();
    }
}
