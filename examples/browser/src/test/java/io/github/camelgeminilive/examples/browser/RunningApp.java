package io.github.camelgeminilive.examples.browser;

import java.net.URI;
import java.nio.file.Path;
import java.util.Map;

import org.apache.camel.CamelContext;
import org.apache.camel.main.Main;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolutionException;
import org.junit.jupiter.api.extension.ParameterResolver;

import io.github.camelgeminilive.emulator.GeminiLiveEmulator;
import io.github.camelgeminilive.websocket.GeminiLiveWebsocketEndpoint;

/** The example as run.sh starts it (its YAML routes and properties) on a free port, with an emulator on 127.0.0.1. */
final class RunningApp implements AutoCloseable {

    /** The emulator's API key. */
    static final String KEY = "example-test-key";

    final GeminiLiveEmulator emulator;
    final Main main;
    final CamelContext context;
    final int port;

    private RunningApp(GeminiLiveEmulator emulator, Main main) {
        this.emulator = emulator;
        this.main = main;
        this.context = main.getCamelContext();
        this.port = context.getEndpoints().stream().filter(GeminiLiveWebsocketEndpoint.class::isInstance)
                .map(GeminiLiveWebsocketEndpoint.class::cast).mapToInt(GeminiLiveWebsocketEndpoint::getLocalPort)
                .filter(p -> p > 0).findFirst().orElseThrow();
    }

    static RunningApp start() throws Exception {
        return start(KEY, Map.of());
    }

    /** The example giving the emulator {@code apiKey} (another than {@link #KEY} is refused), with other properties. */
    static RunningApp start(String apiKey, Map<String, String> properties) throws Exception {
        // the answers' audio comes three times faster than real time (Google's comes faster still), so the page
        // queues it; they are long enough to be talked over
        GeminiLiveEmulator emulator = GeminiLiveEmulator.builder().port(0).apiKey(KEY).pace(1.0 / 3)
                .scenario(Path.of(RunningApp.class.getResource("/browser/long-answer.yaml").toURI())).build().start();
        Main main = null;
        try {
            main = BrowserApp.main(apiKey, emulator.baseUrl().toString());
            main.addOverrideProperty("browser.port", "0"); // an ephemeral port for the page and its WebSocket
            properties.forEach(main::addOverrideProperty);
            main.start();
            return new RunningApp(emulator, main);
        } catch (Exception | Error e) {
            try {
                if (main != null) {
                    main.stop();
                }
            } finally {
                emulator.close();
            }
            throw e;
        }
    }

    URI url(String path) {
        return URI.create("http://127.0.0.1:" + port + path);
    }

    BrowserBridge bridge() {
        return context.getRegistry().lookupByNameAndType("browser", BrowserBridge.class);
    }

    @Override
    public void close() {
        main.stop();
        emulator.close();
    }

    /**
     * Gives a test class's tests one app, as a {@link RunningApp} parameter: started when a test first asks for it
     * (a class an assumption skips starts none), closed once the class's tests are done.
     */
    static final class PerClass implements ParameterResolver {

        @Override
        public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
            return parameter.getParameter().getType() == RunningApp.class;
        }

        @Override
        public RunningApp resolveParameter(ParameterContext parameter, ExtensionContext context) {
            ExtensionContext testClass = context;
            while (testClass.getTestMethod().isPresent()) {
                testClass = testClass.getParent().orElseThrow();
            }
            // the store closes what it holds (AutoCloseable) when its context ends: the class's
            return testClass.getStore(ExtensionContext.Namespace.create(RunningApp.class))
                    .getOrComputeIfAbsent(RunningApp.class, type -> {
                        try {
                            return start();
                        } catch (Exception e) {
                            throw new ParameterResolutionException("The browser example did not start", e);
                        }
                    }, RunningApp.class);
        }
    }
}
