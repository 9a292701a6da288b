package io.github.camelgeminilive.examples.sip;

import org.apache.camel.main.Main;

import io.github.camelgeminilive.component.GeminiLiveConfiguration;
import io.github.camelgeminilive.emulator.GeminiLiveEmulator;

/**
 * Phone calls to a Gemini Live voice: a Camel Main application whose YAML routes ({@code routes/sip-calls.yaml})
 * answer SIP calls on UDP and bridge each one to its own live session. With {@code GEMINI_API_KEY} set it talks to
 * Google; without it, to an emulator it starts in-process. Stops on Ctrl-C.
 */
public final class SipApp {

    /** The emulator accepts any non-empty key when it was not given one. */
    private static final String EMULATOR_KEY = "sip-example-emulator";
    static final String USAGE = "usage: sip-example [--host 127.0.0.1] [--port 5060]";

    private SipApp() {
    }

    public static void main(String[] args) throws Exception {
        String host = "127.0.0.1";
        int port = 5060;
        for (int i = 0; i + 1 < args.length; i += 2) {
            switch (args[i]) {
                case "--host" -> host = args[i + 1];
                case "--port" -> port = Integer.parseInt(args[i + 1]);
                default -> {
                    System.err.println(USAGE);
                    System.exit(2);
                }
            }
        }
        if (args.length % 2 != 0) {
            System.err.println(USAGE);
            System.exit(2);
        }
        String apiKey = System.getenv("GEMINI_API_KEY");
        GeminiLiveEmulator emulator = null;
        String baseUrl = GeminiLiveConfiguration.DEFAULT_BASE_URL;
        if (apiKey == null || apiKey.isBlank()) {
            emulator = GeminiLiveEmulator.builder().pace(1.0).build().start();
            apiKey = EMULATOR_KEY;
            baseUrl = emulator.baseUrl().toString();
            System.out.println("Backend: embedded Gemini Live emulator at " + baseUrl
                    + " (set GEMINI_API_KEY to talk to Google)");
        } else {
            System.out.println("Backend: Gemini Live API at " + baseUrl + " (GEMINI_API_KEY is set)");
        }
        System.out.println("Call sip:gemini@" + host + ":" + port + " (UDP) with a softphone or sipp; press # to"
                + " have the route hang up. Ctrl-C stops.");
        try {
            newMain(apiKey.strip(), baseUrl, host, port).run();
        } finally {
            if (emulator != null) {
                emulator.close();
            }
        }
    }

    /** The application, not started: its routes, the backend and the SIP address (port 0 picks a free one). */
    static Main newMain(String apiKey, String baseUrl, String host, int port) {
        Main main = new Main();
        // through a placeholder, as Camel Main asks for secrets (it warns about plain-text values)
        main.addInitialProperty("sip.api-key", apiKey);
        main.addInitialProperty("camel.component.gemini-live.api-key", "{{sip.api-key}}");
        main.addInitialProperty("camel.component.gemini-live.base-url", baseUrl);
        main.addInitialProperty("sip.host", host);
        main.addInitialProperty("sip.port", String.valueOf(port));
        main.addInitialProperty("camel.main.routes-include-pattern", "classpath:routes/sip-calls.yaml");
        return main;
    }
}
