package io.github.camelgeminilive.examples.support;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.Locale;

import org.apache.camel.main.Main;

import io.github.camelgeminilive.component.GeminiLiveConfiguration;
import io.github.camelgeminilive.emulator.GeminiLiveEmulator;

/**
 * Where an example's live sessions go: Google's Gemini API when an API key is given, otherwise an emulator started
 * in this process. The routes are the same for both; only the key and the base URL differ.
 */
public final class LiveBackend implements AutoCloseable {

    /** The emulator accepts any non-empty key when it was not given one. */
    private static final String EMULATOR_KEY = "example-emulator";
    /** The property that carries the key, so that the component's option names a placeholder, not the secret. */
    private static final String KEY_PROPERTY = "example.api-key";

    private final String apiKey;
    private final String baseUrl;
    private final GeminiLiveEmulator emulator;

    private LiveBackend(String apiKey, String baseUrl, GeminiLiveEmulator emulator) {
        this.apiKey = apiKey;
        this.baseUrl = baseUrl;
        this.emulator = emulator;
    }

    /** Google when {@code GEMINI_API_KEY} is set, else a freshly started emulator speaking in real time. */
    public static LiveBackend fromEnvironment() {
        return choose(System.getenv("GEMINI_API_KEY"));
    }

    /** Google when {@code apiKey} is set, else a freshly started emulator speaking in real time. */
    public static LiveBackend choose(String apiKey) {
        if (isSet(apiKey)) {
            return new LiveBackend(apiKey.strip(), GeminiLiveConfiguration.DEFAULT_BASE_URL, null);
        }
        GeminiLiveEmulator emulator = GeminiLiveEmulator.builder().pace(1.0).build().start();
        return new LiveBackend(EMULATOR_KEY, emulator.baseUrl().toString(), emulator);
    }

    /**
     * The Live API at {@code baseUrl} (an emulator of the user's own, say), with {@code apiKey} when it is set.
     *
     * @throws IllegalArgumentException {@code apiKey} is set and {@code baseUrl} is plain {@code ws://} to a host
     *                                  other than this machine: the key would cross the network unencrypted
     */
    public static LiveBackend at(String baseUrl, String apiKey) {
        if (isSet(apiKey) && !encryptedOrLocal(baseUrl)) {
            throw new IllegalArgumentException("GEMINI_API_KEY is set, and " + baseUrl + " would carry it unencrypted:"
                    + " use wss://, a loopback address (127.0.0.1, localhost, [::1]), or unset GEMINI_API_KEY");
        }
        return new LiveBackend(isSet(apiKey) ? apiKey.strip() : EMULATOR_KEY, baseUrl, null);
    }

    /**
     * Points the gemini-live component of {@code main} at {@code baseUrl} with {@code apiKey}, the key through a
     * placeholder (Camel Main warns about secrets given as plain values).
     */
    public static Main configure(Main main, String apiKey, String baseUrl) {
        main.addInitialProperty(KEY_PROPERTY, apiKey);
        main.addInitialProperty("camel.component.gemini-live.api-key", "{{" + KEY_PROPERTY + "}}");
        main.addInitialProperty("camel.component.gemini-live.base-url", baseUrl);
        return main;
    }

    /** {@link #configure(Main, String, String)} with this backend's key and URL. */
    public Main configure(Main main) {
        return configure(main, apiKey, baseUrl);
    }

    public String apiKey() {
        return apiKey;
    }

    public String baseUrl() {
        return baseUrl;
    }

    /** One line for the user; never shows the key. */
    public String describe() {
        if (emulator != null) {
            return "embedded Gemini Live emulator at " + baseUrl + " (set GEMINI_API_KEY to talk to Google)";
        }
        return baseUrl.equals(GeminiLiveConfiguration.DEFAULT_BASE_URL)
                ? "Gemini Live API at " + baseUrl + " (GEMINI_API_KEY is set)"
                : "Gemini Live API at " + baseUrl;
    }

    @Override
    public void close() {
        if (emulator != null) {
            emulator.close();
        }
    }

    /** Whether {@code url} is wss:// (https://), or goes to this machine by a loopback name or address. */
    static boolean encryptedOrLocal(String url) {
        URI uri;
        try {
            uri = new URI(url.strip());
        } catch (URISyntaxException e) {
            throw new IllegalArgumentException("Not a URL: " + url, e);
        }
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        if (scheme.equals("wss") || scheme.equals("https")) {
            return true;
        }
        String host = uri.getHost() == null ? "" : uri.getHost().toLowerCase(Locale.ROOT);
        // names are not resolved: only what is loopback whatever the DNS says
        return host.equals("localhost") || host.equals("[::1]") || host.matches("127(\\.\\d{1,3}){3}");
    }

    private static boolean isSet(String apiKey) {
        return apiKey != null && !apiKey.isBlank();
    }

    @Override
    public String toString() {
        return describe();
    }
}
