package io.github.camelgeminilive.emulator.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import io.github.camelgeminilive.emulator.GeminiLiveEmulator;

/** The API key is a secret: it appears in no log line, close reason or toString of the emulator. */
class KeySecrecyTest {

    private static final String SECRET = "AIza-very-secret-key-123";

    private final ListAppender<ILoggingEvent> logs = new ListAppender<>();
    private final Logger root = (Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
    private Level rootLevel;

    @BeforeEach
    void captureEverything() {
        rootLevel = root.getLevel();
        root.setLevel(Level.DEBUG);
        // I/O and pool threads log while the test reads the list: an ArrayList threw ConcurrentModificationException
        logs.list = new CopyOnWriteArrayList<>();
        logs.start();
        root.addAppender(logs);
    }

    @AfterEach
    void restore() {
        root.detachAppender(logs);
        root.setLevel(rootLevel);
    }

    @Test
    void keyAppearsInNoLogLineOrCloseReason() throws Exception {
        try (GeminiLiveEmulator emu = GeminiLiveEmulator.builder().apiKey(SECRET).engine(new RecordingEngine())
                .build().start()) {
            try (WsTestClient ok = WsTestClient.connect(URI.create(Endpoints.gemini(emu) + "?key=" + SECRET),
                    Map.of())) {
                ok.send(Frames.setup(Frames.NATIVE_AUDIO));
                ok.next();
                ok.send("{\"realtimeInput\":{\"audio\":{\"mimeType\":\"audio/x-unknown\",\"data\":\"\"}}}");
                assertThat(ok.awaitClose().code()).isEqualTo(1007);
            }
            try (WsTestClient bad = WsTestClient.connect(Endpoints.gemini(emu),
                    Map.of("x-goog-api-key", SECRET + "-wrong"))) {
                WsTestClient.Close close = bad.awaitClose();
                assertThat(close.code()).isEqualTo(1008);
                assertThat(close.reason()).doesNotContain(SECRET);
            }
            assertThat(emu.toString()).doesNotContain(SECRET);
            assertThat(CredentialPolicy.of(SECRET).toString()).doesNotContain(SECRET);
        }
        assertThat(logs.list).isNotEmpty();
        assertThat(logs.list).allSatisfy(e -> {
            assertThat(e.getFormattedMessage()).doesNotContain(SECRET);
            if (e.getThrowableProxy() != null) {
                assertThat(e.getThrowableProxy().getMessage()).doesNotContain(SECRET);
            }
        });
    }
}
