package io.github.camelgeminilive.examples.twilio;

import org.apache.camel.main.Main;

import io.github.camelgeminilive.component.GeminiLiveConfiguration;
import io.github.camelgeminilive.emulator.GeminiLiveEmulator;

/**
 * The Twilio phone agent: a Camel Main application whose YAML routes ({@code camel/twilio.yaml}) serve the TwiML
 * webhook and the Media Streams WebSocket and connect every call to its own Gemini Live session. With
 * {@code GEMINI_API_KEY} set the sessions go to Google; without it, to an emulator started in-process.
 */
public final class TwilioApp {

    /** The emulator accepts any non-empty key when it was not given one. */
    private static final String EMULATOR_KEY = "twilio-example-emulator";

    private TwilioApp() {
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
        Main main = new Main(TwilioApp.class);
        // through a placeholder, as Camel Main asks for secrets (it warns about plain-text values)
        main.addInitialProperty("twilio.api-key", apiKey);
        main.addInitialProperty("camel.component.gemini-live.api-key", "{{twilio.api-key}}");
        main.addInitialProperty("camel.component.gemini-live.base-url", baseUrl);
        return main;
    }
}
