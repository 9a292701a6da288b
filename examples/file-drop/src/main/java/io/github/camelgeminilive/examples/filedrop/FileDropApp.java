package io.github.camelgeminilive.examples.filedrop;

import java.nio.file.Path;

import org.apache.camel.main.BaseMainSupport;
import org.apache.camel.main.Main;
import org.apache.camel.main.MainListenerSupport;

import io.github.camelgeminilive.component.GeminiLiveConfiguration;
import io.github.camelgeminilive.emulator.GeminiLiveEmulator;

/**
 * The file drop: a Camel Main application whose YAML routes ({@code camel/file-drop.yaml}) make every WAV file
 * dropped into a folder one Gemini Live session and write the reply beside it. With {@code GEMINI_API_KEY} set the
 * sessions go to Google; without it, to an emulator started in-process. {@code FileDropApp BASE_URL} sends them to
 * the Live API at that URL instead (an emulator of your own: {@code ws://127.0.0.1:8765}).
 */
public final class FileDropApp {

    /** The emulator accepts any non-empty key when it was not given one. */
    private static final String EMULATOR_KEY = "file-drop-example-emulator";

    private FileDropApp() {
    }

    public static void main(String[] args) throws Exception {
        String apiKey = System.getenv("GEMINI_API_KEY");
        boolean google = apiKey != null && !apiKey.isBlank();
        String key = google ? apiKey.strip() : EMULATOR_KEY;
        if (args.length > 0) {
            System.err.println("Gemini Live API at " + args[0]);
            main(key, args[0]).run();
        } else if (google) {
            System.err.println("Gemini Live API at " + GeminiLiveConfiguration.DEFAULT_BASE_URL
                    + " (GEMINI_API_KEY is set)");
            main(key, GeminiLiveConfiguration.DEFAULT_BASE_URL).run();
        } else {
            try (GeminiLiveEmulator emulator = GeminiLiveEmulator.builder().pace(1.0).build().start()) {
                System.err.println("Embedded Gemini Live emulator at " + emulator.baseUrl()
                        + " (set GEMINI_API_KEY to talk to Google)");
                main(key, emulator.baseUrl().toString()).run();
            }
        }
    }

    /** The application, its live sessions going to {@code baseUrl} with {@code apiKey}; not started. */
    static Main main(String apiKey, String baseUrl) {
        Main main = new Main(FileDropApp.class);
        // through a placeholder, as Camel Main asks for secrets (it warns about plain-text values)
        main.addInitialProperty("file-drop.api-key", apiKey);
        main.addInitialProperty("camel.component.gemini-live.api-key", "{{file-drop.api-key}}");
        main.addInitialProperty("camel.component.gemini-live.base-url", baseUrl);
        main.addMainListener(new MainListenerSupport() {
            @Override
            public void afterStart(BaseMainSupport started) {
                Path dir = Path.of(started.getCamelContext().resolvePropertyPlaceholders("{{file-drop.dir}}"));
                System.err.println("Drop WAV files into " + dir.toAbsolutePath());
            }
        });
        return main;
    }
}
