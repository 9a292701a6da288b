package io.github.camelgeminilive.examples.twilio;

import org.apache.camel.main.Main;

import io.github.camelgeminilive.examples.support.LiveBackend;

/**
 * The Twilio phone agent: a Camel Main application whose YAML routes ({@code camel/twilio.yaml}) serve the TwiML
 * webhook and the Media Streams WebSocket and connect every call to its own Gemini Live session. With
 * {@code GEMINI_API_KEY} set the sessions go to Google; without it, to an emulator started in-process.
 */
public final class TwilioApp {

    private TwilioApp() {
    }

    public static void main(String[] args) throws Exception {
        try (LiveBackend backend = LiveBackend.fromEnvironment()) {
            System.err.println(backend.describe());
            main(backend.apiKey(), backend.baseUrl()).run();
        }
    }

    /** The application, its live sessions going to {@code baseUrl} with {@code apiKey}; not started. */
    static Main main(String apiKey, String baseUrl) {
        return LiveBackend.configure(new Main(TwilioApp.class), apiKey, baseUrl);
    }
}
