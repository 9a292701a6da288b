package io.github.camelgeminilive.examples.browser;

import org.apache.camel.main.BaseMainSupport;
import org.apache.camel.main.Main;
import org.apache.camel.main.MainListenerSupport;

import io.github.camelgeminilive.component.GeminiLiveConfiguration;
import io.github.camelgeminilive.emulator.GeminiLiveEmulator;

/**
 * The voice page: a Camel Main application whose YAML routes ({@code camel/browser.yaml}) serve a web page and its
 * audio WebSocket and connect every open page to its own Gemini Live session. With {@code GEMINI_API_KEY} set the
 * sessions go to Google; without it, to an emulator started in-process.
 */
public final class BrowserApp {

    /** The emulator accepts any non-empty key when it was not given one. */
    private static final String EMULATOR_KEY = "browser-example-emulator";

    private BrowserApp() {
    }

    public static void main(String[] args) throws Exception {
        String apiKey = System.getenv("GEMINI_API_KEY");
        if (apiKey != null && !apiKey.isBlank()) {
            System.err.println("Gemini Live API at " + GeminiLiveConfiguration.DEFAULT_BASE_URL
                    + " (GEMINI_API_KEY is set)");
            main(apiKey.strip(), GeminiLiveConfiguration.DEFAULT_BASE_URL).run();
            return;
        }
        try (GeminiLiveEmulator emulator = GeminiLiveEmulator.builder().pace(1.0).build().start()) {
            System.err.println("Embedded Gemini Live emulator at " + emulator.baseUrl()
                    + " (set GEMINI_API_KEY to talk to Google)");
            main(EMULATOR_KEY, emulator.baseUrl().toString()).run();
        }
    }

    /** The application, its live sessions going to {@code baseUrl} with {@code apiKey}; not started. */
    static Main main(String apiKey, String baseUrl) {
        Main main = new Main(BrowserApp.class);
        // through a placeholder, as Camel Main asks for secrets (it warns about plain-text values)
        main.addInitialProperty("browser.api-key", apiKey);
        main.addInitialProperty("camel.component.gemini-live.api-key", "{{browser.api-key}}");
        main.addInitialProperty("camel.component.gemini-live.base-url", baseUrl);
        main.addMainListener(new MainListenerSupport() {
            @Override
            public void afterStart(BaseMainSupport started) {
                System.err.println("Open http://localhost:"
                        + started.getCamelContext().resolvePropertyPlaceholders("{{browser.port}}")
                        + "/ and allow the microphone");
            }
        });
        return main;
    }
}
