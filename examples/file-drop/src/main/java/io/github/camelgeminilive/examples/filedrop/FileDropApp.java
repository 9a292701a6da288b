package io.github.camelgeminilive.examples.filedrop;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;

import org.apache.camel.main.BaseMainSupport;
import org.apache.camel.main.Main;
import org.apache.camel.main.MainListenerSupport;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.github.camelgeminilive.examples.support.LiveBackend;

/**
 * The file drop: a Camel Main application whose YAML routes ({@code camel/file-drop.yaml}) make every WAV file
 * dropped into a folder one Gemini Live session and write the reply beside it. With {@code GEMINI_API_KEY} set the
 * sessions go to Google; without it, to an emulator started in-process. {@code FileDropApp BASE_URL} sends them to
 * the Live API at that URL instead (an emulator of your own: {@code ws://127.0.0.1:8765}).
 */
public final class FileDropApp {

    private static final Logger LOG = LoggerFactory.getLogger(FileDropApp.class);

    private FileDropApp() {
    }

    public static void main(String[] args) throws Exception {
        String apiKey = System.getenv("GEMINI_API_KEY");
        try (LiveBackend backend = args.length > 0 ? LiveBackend.at(args[0], apiKey) : LiveBackend.choose(apiKey)) {
            System.err.println(backend.describe());
            main(backend.apiKey(), backend.baseUrl()).run();
        }
    }

    /** The application, its live sessions going to {@code baseUrl} with {@code apiKey}; not started. */
    static Main main(String apiKey, String baseUrl) {
        Main main = LiveBackend.configure(new Main(FileDropApp.class), apiKey, baseUrl);
        main.addMainListener(new MainListenerSupport() {
            @Override
            public void afterConfigure(BaseMainSupport configured) {
                // before the folder is read: the parts of a killed run, whose input may be gone since
                Path dir = dir(configured);
                try {
                    int deleted = DropReply.deleteParts(dir);
                    if (deleted > 0) {
                        LOG.warn("Deleted {} parts of replies a killed run left in {}", deleted, dir);
                    }
                } catch (IOException e) {
                    throw new UncheckedIOException("Cannot delete the parts of replies left in " + dir, e);
                }
            }

            @Override
            public void afterStart(BaseMainSupport started) {
                System.err.println("Drop WAV files into " + dir(started).toAbsolutePath());
            }
        });
        return main;
    }

    private static Path dir(BaseMainSupport main) {
        return Path.of(main.getCamelContext().resolvePropertyPlaceholders("{{file-drop.dir}}"));
    }
}
