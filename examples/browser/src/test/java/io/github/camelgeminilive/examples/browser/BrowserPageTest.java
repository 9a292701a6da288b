package io.github.camelgeminilive.examples.browser;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Predicate;

import org.awaitility.core.ConditionTimeoutException;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.github.camelgeminilive.emulator.SessionInfo;

/**
 * The page in a real browser: headless Chromium opens it, its fake microphone plays a recorded question in a loop
 * (speech, then 2 s of silence), and the page talks to the emulator through the example's routes. The emulator
 * answers each question at length ({@code long-answer.yaml}), its audio faster than real time (as Google's), so the
 * page queues it; the next loop of the question talks over the answer, so the page also gets {@code interrupted},
 * and drops what it queued.
 */
@ExtendWith(RunningApp.PerClass.class)
class BrowserPageTest {

    private static final Duration WAIT = Duration.ofSeconds(90);
    private static final ObjectMapper JSON = new ObjectMapper();
    /** What the page shows and counted, as JSON. */
    private static final String PAGE_STATE = "JSON.stringify({...window.voice,"
            + " user: [...document.querySelectorAll('#transcript .user')].map(p => p.textContent),"
            + " model: [...document.querySelectorAll('#transcript .model')].map(p => p.textContent)})";

    private static Path chromium;

    @BeforeAll
    static void findChromium() {
        Optional<Path> found = Chromium.find();
        assumeTrue(found.isPresent(), "Chromium not found (chromium on the PATH, or CHROMIUM=/path/to/it): "
                + "install the Debian package chromium, as test.sh does");
        chromium = found.get();
    }

    @Test
    void thePagePlaysTheModelsReplyShowsBothTranscriptsAndStopsOnInterrupted(RunningApp app) throws Exception {
        BrowserCounters counters = app.bridge().getCounters(); // the app's, shared with the other tests
        long pagesBefore = counters.pagesOpened();
        long framesBefore = counters.framesIn();
        try (Chromium browser = openPage(app)) {
            DevTools devTools = talk(browser, "");

            AtomicReference<JsonNode> last = new AtomicReference<>();
            JsonNode state;
            try {
                // each loop of the question is a turn: the first may be cut short (the page connects mid-question,
                // frames wait for the session to open), later ones run in real time
                state = await().atMost(WAIT).pollInterval(Duration.ofMillis(250))
                        .until(() -> last.updateAndGet(s -> pageState(devTools)),
                                s -> s.path("samplesPlayed").asLong() > 0 && s.path("clears").asInt() > 0
                                        && s.path("clearedSamples").asLong() > 0
                                        && any(s.path("user"), line -> line.startsWith("You: [speech "))
                                        && any(s.path("model"),
                                                line -> line.startsWith("Model: Thank you"))
                                        && any(s.path("model"), line -> line.endsWith("(interrupted)")));
            } catch (ConditionTimeoutException e) {
                throw new AssertionError("The page did not get there in " + WAIT + "; it last showed " + last.get()
                        + "; Chromium said: " + browser.log(), e);
            }
            Files.write(Path.of("target", "browser-page.png"), devTools.screenshot());
            System.out.println("The page's state: " + state);

            // the page played the model's audio, showed both transcripts, and an answer cut short by the question's
            // next loop stopped playing: the player dropped what it had queued, the line says so
            assertThat(state.path("state").asText()).isEqualTo("listening");
            assertThat(state.path("interruptions").asInt()).isPositive();
            assertThat(state.path("closeCode").isNull()).isTrue();
            assertThat(state.path("oddFrames").asInt()).isZero();
            assertThat(counters.pagesOpened()).isEqualTo(pagesBefore + 1);
            assertThat(counters.framesIn()).isGreaterThan(framesBefore);
            for (CloseReason reason : CloseReason.values()) {
                assertThat(counters.closed(reason)).as(reason.name()).isZero();
            }

            devTools.evaluate("document.getElementById('talk').click()"); // hang up: the page's session ends
            await().atMost(WAIT).until(() -> app.bridge().getPages() == 0 && app.emulator.admin().sessions().stream()
                    .mapToInt(SessionInfo::openConnections).sum() == 0);
        }
    }

    @Test
    void aMicrophoneFasterThan48kHzIsCapturedAt48kHz(RunningApp app) throws Exception {
        try (Chromium browser = openPage(app)) {
            // an audio interface at 96 kHz: the contexts the page creates without a rate run at it
            DevTools devTools = talk(browser, "window.AudioContext = class extends AudioContext {"
                    + " constructor(options) { super(options || {sampleRate: 96000}); } };");

            JsonNode state = await().atMost(WAIT).until(() -> pageState(devTools),
                    s -> s.path("framesSent").asInt() >= 10 || !s.path("closeCode").isNull());
            assertThat(state.path("micRate").asInt()).isEqualTo(48_000);
            assertThat(state.path("closeCode").isNull()).as("the route took the rate: %s", state).isTrue();
            await().atMost(WAIT).until(() -> app.bridge().getCounters().framesIn() > 0);
            devTools.evaluate("document.getElementById('talk').click()");
            await().atMost(WAIT).until(() -> app.bridge().getPages() == 0);
        }
    }

    @Test
    void aStartThatFailsAfterTheMicrophoneOpenedTurnsItOff(RunningApp app) throws Exception {
        try (Chromium browser = openPage(app)) {
            // keep the microphone's stream where the test sees it; the worklets then fail to load
            DevTools devTools = talk(browser, "const getUserMedia ="
                    + " navigator.mediaDevices.getUserMedia.bind(navigator.mediaDevices);"
                    + " navigator.mediaDevices.getUserMedia = async (c) => (window.micStream = await getUserMedia(c));"
                    + " AudioWorklet.prototype.addModule = () => Promise.reject(new Error('no worklets here'));");

            await().atMost(WAIT).until(() -> devTools.evaluate("window.voice.state").asText()
                    .startsWith("could not start: no worklets here"));
            assertThat(devTools.evaluate("window.micStream.getTracks().map(t => t.readyState).join()").asText())
                    .as("the microphone's tracks").isEqualTo("ended");
            assertThat(devTools.evaluate("document.getElementById('talk').textContent").asText()).isEqualTo("Talk");
        }
    }

    /** The app's page in Chromium, its microphone the question. */
    private static Chromium openPage(RunningApp app) throws Exception {
        return Chromium.open(chromium, app.url("/"), microphone());
    }

    /** Once the page is loaded, runs {@code setup} in it (JavaScript statements), then presses Talk. */
    private static DevTools talk(Chromium browser, String setup) {
        DevTools devTools = browser.devTools();
        await().atMost(WAIT).until(() -> devTools.evaluate("document.readyState === 'complete' && !!window.voice")
                .asBoolean());
        devTools.evaluate(setup + " document.getElementById('talk').click()");
        return devTools;
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
