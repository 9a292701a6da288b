package io.github.camelgeminilive.examples.browser;

import org.apache.camel.main.BaseMainSupport;
import org.apache.camel.main.Main;
import org.apache.camel.main.MainListenerSupport;

import io.github.camelgeminilive.examples.support.LiveBackend;

/**
 * The voice page: a Camel Main application whose YAML routes ({@code camel/browser.yaml}) serve a web page and its
 * audio WebSocket and connect every open page to its own Gemini Live session. With {@code GEMINI_API_KEY} set the
 * sessions go to Google; without it, to an emulator started in-process.
 */
public final class BrowserApp {

    private BrowserApp() {
    }

    public static void main(String[] args) throws Exception {
        try (LiveBackend backend = LiveBackend.fromEnvironment()) {
            System.err.println(backend.describe());
            main(backend.apiKey(), backend.baseUrl()).run();
        }
    }

    /** The application, its live sessions going to {@code baseUrl} with {@code apiKey}; not started. */
    static Main main(String apiKey, String baseUrl) {
        Main main = LiveBackend.configure(new Main(BrowserApp.class), apiKey, baseUrl);
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
