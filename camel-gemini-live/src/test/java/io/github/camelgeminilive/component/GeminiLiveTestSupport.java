package io.github.camelgeminilive.component;

import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import org.apache.camel.CamelContext;
import org.apache.camel.Exchange;
import org.apache.camel.component.mock.MockEndpoint;
import org.apache.camel.test.junit5.CamelTestSupport;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

import io.github.camelgeminilive.emulator.GeminiLiveEmulator;
import io.github.camelgeminilive.emulator.SessionInfo;
import io.github.camelgeminilive.protocol.FunctionDeclaration;
import io.github.camelgeminilive.protocol.Tool;

/** Starts one emulator (pace 0, one accepted API key) per test class and builds endpoint URIs against it. */
abstract class GeminiLiveTestSupport extends CamelTestSupport {

    static final String API_KEY = "AIzaTEST-secret-key-7f3c9d";

    static GeminiLiveEmulator emulator;

    @BeforeAll
    static void startEmulator() {
        emulator = emulatorOn127().build().start();
    }

    /** The tests' emulator settings: an ephemeral port on 127.0.0.1, the test key, replies unpaced. */
    static GeminiLiveEmulator.Builder emulatorOn127() {
        return GeminiLiveEmulator.builder().port(0).apiKey(API_KEY).pace(0.0);
    }

    @AfterAll
    static void stopEmulator() {
        if (emulator != null) {
            emulator.close();
        }
    }

    /**
     * The key comes from a property placeholder, as it should in real routes: Camel prints route definitions (with
     * their {@code from} URIs unmasked) at DEBUG level, so a literal key in a URI would reach the log.
     */
    @Override
    protected CamelContext createCamelContext() throws Exception {
        CamelContext context = super.createCamelContext();
        context.getPropertiesComponent().addInitialProperty("gemini.apiKey", API_KEY);
        return context;
    }

    /** One function, {@code get_weather(city)}, for routes that answer tool calls. */
    static List<Tool> weatherTools() {
        return List.of(Tool.ofFunctions(List.of(new FunctionDeclaration("get_weather", "The current weather in a city",
                Map.of("type", "OBJECT", "properties", Map.of("city", Map.of("type", "STRING")),
                        "required", List.of("city"))))));
    }

    /** {@code gemini-live:key?baseUrl=..&apiKey={{gemini.apiKey}}} plus {@code options} (each {@code name=value}). */
    static String uri(String key, String... options) {
        return uri(emulator, key, options);
    }

    static String uri(GeminiLiveEmulator emu, String key, String... options) {
        String extra = Arrays.stream(options).map(o -> "&" + o).collect(Collectors.joining());
        return "gemini-live:" + key + "?baseUrl=" + emu.baseUrl() + "&apiKey={{gemini.apiKey}}" + extra;
    }

    /** The emulator's view of the session whose events reached {@code mock} (from the session id header). */
    static SessionInfo sessionOf(MockEndpoint mock) {
        await().atMost(Duration.ofSeconds(10)).until(() -> sessionId(mock) != null);
        String id = sessionId(mock);
        return emulator.admin().session(id).orElseThrow();
    }

    static String sessionId(MockEndpoint mock) {
        return mock.getReceivedExchanges().stream()
                .map(e -> e.getMessage().getHeader(GeminiLiveConstants.SESSION_ID, String.class))
                .filter(id -> id != null).findFirst().orElse(null);
    }

    static List<Exchange> eventsOf(MockEndpoint mock, GeminiLiveEventType type) {
        return mock.getReceivedExchanges().stream()
                .filter(e -> type.eventName().equals(e.getMessage().getHeader(GeminiLiveConstants.EVENT_TYPE)))
                .collect(Collectors.toList());
    }

    /** Waits until {@code mock} received an event of {@code type}; returns the first one. */
    static Exchange awaitEvent(MockEndpoint mock, GeminiLiveEventType type) {
        await().atMost(Duration.ofSeconds(20)).until(() -> !eventsOf(mock, type).isEmpty());
        return eventsOf(mock, type).get(0);
    }

    /**
     * After the move {@code reconnected} reported, in a session that sent text turns only: when it replayed a message
     * (the Gemini API's handle need not cover the last turn's, which is then sent again and answered again), waits
     * for that second reply to end, so the next request is not answered by its end (a request sent between its last
     * transcript and its {@code turnComplete} got an empty transcript).
     */
    static void awaitReplayedTurn(MockEndpoint mock, Exchange reconnected) {
        Integer replayed = reconnected.getMessage().getHeader(GeminiLiveConstants.REPLAYED_MESSAGES, Integer.class);
        if (replayed == null || replayed == 0) {
            return;
        }
        await().atMost(Duration.ofSeconds(20)).until(() -> {
            List<Exchange> received = mock.getReceivedExchanges();
            int from = received.indexOf(reconnected);
            return received.subList(from + 1, received.size()).stream().anyMatch(e -> GeminiLiveEventType.TURN_COMPLETE
                    .eventName().equals(e.getMessage().getHeader(GeminiLiveConstants.EVENT_TYPE)));
        });
    }

    /** The output transcript of all outputTranscription events so far. */
    static String transcript(MockEndpoint mock) {
        return eventsOf(mock, GeminiLiveEventType.OUTPUT_TRANSCRIPTION).stream()
                .map(e -> e.getMessage().getBody(String.class)).collect(Collectors.joining());
    }
}
