package io.github.camelgeminilive.examples.sip;

import org.apache.camel.main.Main;

import io.github.camelgeminilive.examples.support.LiveBackend;

/**
 * Phone calls to a Gemini Live voice: a Camel Main application whose YAML routes ({@code routes/sip-calls.yaml})
 * answer SIP calls on UDP and bridge each one to its own live session. With {@code GEMINI_API_KEY} set it talks to
 * Google; without it, to an emulator it starts in-process. Stops on Ctrl-C.
 */
public final class SipApp {

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
        try (LiveBackend backend = LiveBackend.fromEnvironment()) {
            System.out.println("Backend: " + backend.describe());
            System.out.println("Call sip:gemini@" + host + ":" + port + " (UDP) with a softphone or sipp; press #"
                    + " to have the route hang up. Ctrl-C stops.");
            newMain(backend.apiKey(), backend.baseUrl(), host, port).run();
        }
    }

    /** The application, not started: its routes, the backend and the SIP address (port 0 picks a free one). */
    static Main newMain(String apiKey, String baseUrl, String host, int port) {
        Main main = LiveBackend.configure(new Main(), apiKey, baseUrl);
        main.addInitialProperty("sip.host", host);
        main.addInitialProperty("sip.port", String.valueOf(port));
        main.addInitialProperty("camel.main.routes-include-pattern", "classpath:routes/sip-calls.yaml");
        return main;
    }
}
