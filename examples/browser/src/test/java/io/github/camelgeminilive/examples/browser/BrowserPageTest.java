package io.github.camelgeminilive.examples.browser;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Predicate;

import org.awaitility.core.ConditionTimeoutException;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.github.camelgeminilive.emulator.SessionInfo;

/**
 * The page in a real browser: headless Chromium opens it, its fake microphone plays a recorded question in a loop
 * (speech, then 2 s of silence), and the page talks to the emulator through the example's routes. The emulator
 * answers each question; the next loop of the question talks over the answer, so the page also gets
 * {@code interrupted}.
 */
class BrowserPageTest {

    private static final Duration WAIT = Duration.ofSeconds(90);
    private static final ObjectMapper JSON = new ObjectMapper();
    /** What the page shows and counted, as JSON. */
    private static final String PAGE_STATE = "JSON.stringify({...window.voice,"
            + " user: [...document.querySelectorAll('#transcript .user')].map(p => p.textContent),"
            + " model: [...document.querySelectorAll('#transcript .model')].map(p => p.textContent)})";

    private static Path chromium;
    private static RunningApp app;

    @BeforeAll
    static void start() throws Exception {
        Optional<Path> found = Chromium.find();
        assumeTrue(found.isPresent(), "Chromium not found (chromium on the PATH, or CHROMIUM=/path/to/it): "
                + "install the Debian package chromium, as test.sh does");
        chromium = found.get();
        app = RunningApp.start();
    }

    @AfterAll
    static void stop() {
        if (app != null) {
            app.close();
        }
    }

    @Test
    void thePagePlaysTheModelsReplyShowsBothTranscriptsAndStopsOnInterrupted() throws Exception {
        URI page = app.url("/");
        try (Chromium browser = Chromium.launch(chromium, page, microphone());
                DevTools devTools = browser.page(page)) {
            await().atMost(WAIT).until(() -> devTools.evaluate("document.readyState === 'complete' && !!window.voice")
                    .asBoolean());
            devTools.evaluate("document.getElementById('talk').click()");

            AtomicReference<JsonNode> last = new AtomicReference<>();
            JsonNode state;
            try {
                // each loop of the question is a turn: the first may be cut short (the page connects mid-question,
                // frames wait for the session to open), later ones run in real time
                state = await().atMost(WAIT).pollInterval(Duration.ofMillis(250))
                        .until(() -> last.updateAndGet(s -> pageState(devTools)),
                                s -> s.path("samplesPlayed").asLong() > 0 && s.path("clears").asInt() > 0
                                        && any(s.path("user"), line -> line.startsWith("You: [speech "))
                                        && any(s.path("model"), line -> line.startsWith("Model: You said: [speech "))
                                        && any(s.path("model"), line -> line.endsWith("(interrupted)")));
            } catch (ConditionTimeoutException e) {
                throw new AssertionError("The page did not get there in " + WAIT + "; it last showed " + last.get()
                        + "; Chromium said: " + browser.log(), e);
            }
            Files.write(Path.of("target", "browser-page.png"), devTools.screenshot());
            System.out.println("The page's state: " + state);

            // the page played the model's audio, showed both transcripts, and an answer cut short by the question's
            // next loop stopped playing: the player acknowledged the clear, the line says so
            assertThat(state.path("state").asText()).isEqualTo("listening");
            assertThat(state.path("interruptions").asInt()).isPositive();
            assertThat(state.path("closeCode").isNull()).isTrue();
            BrowserCounters counters = app.bridge().getCounters();
            assertThat(counters.pagesOpened()).isEqualTo(1);
            assertThat(counters.framesIn()).isPositive();
            for (CloseReason reason : CloseReason.values()) {
                assertThat(counters.closed(reason)).as(reason.name()).isZero();
            }

            devTools.evaluate("document.getElementById('talk').click()"); // hang up: the page's session ends
            await().atMost(WAIT).until(() -> app.bridge().getPages() == 0 && app.emulator.admin().sessions().stream()
                    .mapToInt(SessionInfo::openConnections).sum() == 0);
        }
    }

    private static boolean any(JsonNode lines, Predicate<String> test) {
        for (JsonNode line : lines) {
            if (test.test(line.asText())) {
                return true;
            }
        }
        return false;
    }

    private static JsonNode pageState(DevTools devTools) {
        try {
            return JSON.readTree(devTools.evaluate(PAGE_STATE).asText());
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The question, 16-bit PCM WAV at 8 kHz (espeak-ng, then sox: 2.5 s of speech, 2 s of silence). */
    private static Path microphone() throws Exception {
        return Path.of(BrowserPageTest.class.getResource("/browser/hello-8k.wav").toURI());
    }
}
