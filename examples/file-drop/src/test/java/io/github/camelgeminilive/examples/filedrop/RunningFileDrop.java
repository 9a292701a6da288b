package io.github.camelgeminilive.examples.filedrop;

import java.nio.file.Path;
import java.util.Map;

import org.apache.camel.main.Main;

import io.github.camelgeminilive.emulator.GeminiLiveEmulator;

/**
 * The example as run.sh starts it (its YAML routes and properties), in the test's JVM, on {@code folder}, against
 * an emulator on 127.0.0.1 built by the test.
 */
final class RunningFileDrop implements AutoCloseable {

    private static final String KEY = "file-drop-test-key";

    private final GeminiLiveEmulator emulator;
    private final Main main;

    private RunningFileDrop(GeminiLiveEmulator emulator, Main main) {
        this.emulator = emulator;
        this.main = main;
    }

    /** Starts {@code emulator} and the file drop on {@code folder}, its properties overridden by {@code overrides}. */
    static RunningFileDrop start(GeminiLiveEmulator.Builder emulator, Path folder, Map<String, String> overrides)
            throws Exception {
        GeminiLiveEmulator started = emulator.apiKey(KEY).build().start();
        try {
            Main main = FileDropApp.main(KEY, started.baseUrl().toString());
            main.addOverrideProperty("file-drop.dir", folder.toString());
            overrides.forEach(main::addOverrideProperty);
            main.start();
            return new RunningFileDrop(started, main);
        } catch (Exception | Error e) {
            started.close();
            throw e;
        }
    }

    GeminiLiveEmulator emulator() {
        return emulator;
    }

    Main main() {
        return main;
    }

    @Override
    public void close() {
        try {
            main.stop();
        } finally {
            emulator.close();
        }
    }
}
