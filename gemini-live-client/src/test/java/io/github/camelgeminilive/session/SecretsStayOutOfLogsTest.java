package io.github.camelgeminilive.session;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.ServerSocket;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.classic.spi.IThrowableProxy;
import ch.qos.logback.core.read.ListAppender;
import io.github.camelgeminilive.emulator.GeminiLiveEmulator;
import io.github.camelgeminilive.protocol.Setup;
import io.github.camelgeminilive.testing.EventRecorder;
import io.github.camelgeminilive.transport.ConnectionOptions;
import io.github.camelgeminilive.transport.ConnectionOptions.Flavour;

/**
 * Runs successful and failing sessions of every flavour with all loggers (ours, Undertow's, XNIO's) at DEBUG, and at
 * TRACE, and checks that no captured log line, stack trace or exception text shows a credential.
 */
class SecretsStayOutOfLogsTest {

    private static final String KEY = "AIzaSy-secret-key-0042";
    private static final String TOKEN = "auth_tokens/secret-token-0042";
    private static final String WRONG = "AIzaSy-wrong-key-0042";
    private static final SessionOptions SETUP = SessionOptions.of(
            Setup.builder("models/gemini-2.5-flash-native-audio-latest").build());

    private final ListAppender<ILoggingEvent> appender = new ListAppender<>();
    private final Logger root = (Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
    private final List<Logger> raised = new ArrayList<>();
    private final List<Level> previous = new ArrayList<>();
    private final List<String> texts = new ArrayList<>();

    @BeforeEach
    void capture() {
        raise(Level.DEBUG);
        // I/O and pool threads log while the test reads the list: an ArrayList threw ConcurrentModificationException
        appender.list = new CopyOnWriteArrayList<>();
        appender.start();
        root.addAppender(appender);
    }

    private void raise(Level level) {
        for (String name : List.of(org.slf4j.Logger.ROOT_LOGGER_NAME, "io.undertow", "org.xnio",
                "io.github.camelgeminilive")) {
            Logger logger = (Logger) LoggerFactory.getLogger(name);
            raised.add(logger);
            previous.add(logger.getLevel());
            logger.setLevel(level);
        }
    }

    @AfterEach
    void release() {
        root.detachAppender(appender);
        for (int i = 0; i < raised.size(); i++) {
            raised.get(i).setLevel(previous.get(i));
        }
    }

    @Test
    void noCredentialAppearsInAnyLogLineOrException() throws Exception {
        try (GeminiLiveEmulator emulator = GeminiLiveEmulator.builder().port(0).pace(0).apiKey(KEY).build()
                .start()) {
            turn(new ConnectionOptions(emulator.baseUrl(), Flavour.GEMINI_API, null, () -> KEY, null, null, null,
                    0));
            turn(new ConnectionOptions(emulator.baseUrl(), Flavour.VERTEX_AI, null, () -> KEY, null, null, null,
                    0));
            // with Undertow's URI logger at DEBUG, a token in the URL would be logged: the client refuses
            assertThat(failing(new ConnectionOptions(emulator.baseUrl(), Flavour.EPHEMERAL_TOKEN, null, () -> KEY,
                    null, null, null, 0))).hasMessageContaining("is at DEBUG and would write the access token");
            failing(new ConnectionOptions(emulator.baseUrl(), Flavour.GEMINI_API, null, () -> WRONG, null, null,
                    null, 0));
            ((Logger) LoggerFactory.getLogger("io.undertow.websockets.core.request")).setLevel(Level.INFO);
            raised.add((Logger) LoggerFactory.getLogger("io.undertow.websockets.core.request"));
            previous.add(null);
            turn(new ConnectionOptions(emulator.baseUrl(), Flavour.EPHEMERAL_TOKEN, null, () -> KEY, null, null,
                    null, 0));
            failing(new ConnectionOptions(emulator.baseUrl(), Flavour.EPHEMERAL_TOKEN, null, () -> TOKEN, null,
                    null, null, 0));
            int closedPort;
            try (ServerSocket s = new ServerSocket(0)) {
                closedPort = s.getLocalPort();
            }
            failing(new ConnectionOptions(URI.create("ws://127.0.0.1:" + closedPort), Flavour.EPHEMERAL_TOKEN,
                    null, () -> TOKEN, null, null, null, 0));
        }
        assertNoCredentialIn(appender.list);
    }

    /**
     * At TRACE too: Undertow's WebSocket client writes its handshake through XNIO's HttpUpgrade, which logs no header
     * (Undertow's header-logging HTTP client, logger io.undertow.client.request, serves only proxy CONNECTs, which
     * this transport never makes). The session connects, and the key and token stay out of every line, on the
     * client's side and on the emulator's, plain and over TLS.
     */
    @Test
    void noCredentialAppearsWithEveryLoggerAtTrace() throws Exception {
        raise(Level.TRACE);
        try (GeminiLiveEmulator emulator = GeminiLiveEmulator.builder().port(0).pace(0).apiKey(KEY).build().start();
                GeminiLiveEmulator tls = GeminiLiveEmulator.builder().port(0).pace(0).apiKey(KEY).tls(true).build()
                        .start()) {
            turn(new ConnectionOptions(emulator.baseUrl(), Flavour.GEMINI_API, null, () -> KEY, null, null, null,
                    0));
            turn(new ConnectionOptions(emulator.baseUrl(), Flavour.VERTEX_AI, null, () -> KEY, null, null, null,
                    0));
            turn(new ConnectionOptions(tls.baseUrl(), Flavour.GEMINI_API, null, () -> KEY, null, null, null, 0)
                    .withTrustStore(tls.trustStore(), tls.trustStorePassword()));
            failing(new ConnectionOptions(emulator.baseUrl(), Flavour.GEMINI_API, null, () -> WRONG, null, null,
                    null, 0));
        }
        assertThat(appender.list).anyMatch(e -> e.getLevel() == Level.TRACE && e.getLoggerName().startsWith("org.xnio"))
                .anyMatch(e -> e.getLoggerName().startsWith("io.undertow"));
        assertNoCredentialIn(appender.list);
    }

    private void assertNoCredentialIn(List<ILoggingEvent> events) {
        for (ILoggingEvent event : events) {
            texts.add(event.getFormattedMessage());
            for (IThrowableProxy t = event.getThrowableProxy(); t != null; t = t.getCause()) {
                texts.add(t.getClassName() + ": " + t.getMessage());
            }
        }
        assertThat(events).isNotEmpty();
        assertThat(texts).isNotEmpty().allSatisfy(text -> assertThat(text)
                .doesNotContain(KEY).doesNotContain(WRONG).doesNotContain("secret-token"));
    }

    private void turn(ConnectionOptions options) throws Exception {
        EventRecorder events = new EventRecorder();
        try (LiveClient client = LiveClient.create(options);
                LiveSession session = client.connect(SETUP, null, events).get(10, TimeUnit.SECONDS)) {
            texts.add(session.toString());
            texts.add(options.toString());
            session.sendText("hello").get(5, TimeUnit.SECONDS);
            events.awaitCount(LiveEvent.TurnComplete.class, 1);
        }
    }

    private Throwable failing(ConnectionOptions options) {
        try (LiveClient client = LiveClient.create(options)) {
            ExecutionException e = org.junit.jupiter.api.Assertions.assertThrows(ExecutionException.class,
                    () -> client.connect(SETUP, null, new EventRecorder()).get(10, TimeUnit.SECONDS));
            for (Throwable t = e; t != null; t = t.getCause()) {
                texts.add(String.valueOf(t));
            }
            return e.getCause();
        }
    }
}
