package io.github.camelgeminilive.emulator.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Map;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import io.github.camelgeminilive.emulator.GeminiLiveEmulator;

/** The three URL flavours and their auth styles; bad credentials close with 1008 after the upgrade. */
class AuthAndEndpointsTest {

    private static GeminiLiveEmulator emu;

    @BeforeAll
    static void start() {
        emu = GeminiLiveEmulator.builder().apiKey(Endpoints.KEY).engine(new RecordingEngine()).build().start();
    }

    @AfterAll
    static void stop() {
        emu.close();
    }

    @ParameterizedTest
    @ValueSource(strings = {"v1", "v1beta", "v1alpha"})
    void geminiApiTakesTheKeyHeaderOnEveryVersion(String version) throws Exception {
        assertSetupCompletes(WsTestClient.connect(Endpoints.gemini(emu, version),
                Map.of("x-goog-api-key", Endpoints.KEY)));
    }

    @Test
    void geminiApiTakesTheKeyQueryParameter() throws Exception {
        assertSetupCompletes(WsTestClient.connect(URI.create(Endpoints.gemini(emu) + "?key=" + Endpoints.KEY),
                Map.of()));
    }

    @ParameterizedTest
    @ValueSource(strings = {"v1", "v1alpha"})
    void constrainedTakesTheAccessToken(String version) throws Exception {
        assertSetupCompletes(WsTestClient.connect(Endpoints.constrained(emu, version, Endpoints.KEY), Map.of()));
    }

    @Test
    void vertexTakesABearerToken() throws Exception {
        try (WsTestClient c = WsTestClient.connect(Endpoints.vertex(emu),
                Map.of("Authorization", "Bearer " + Endpoints.KEY))) {
            c.send(Frames.setup("projects/p/locations/us-central1/publishers/google/models/gemini-live-2.5-flash"));
            assertThat(c.next().setupComplete().sessionId()).isNotBlank();
        }
    }

    @Test
    void wrongKeyClosesWith1008WithoutEchoingIt() {
        try (WsTestClient c = WsTestClient.connect(Endpoints.gemini(emu), Map.of("x-goog-api-key", "wrong-secret"))) {
            WsTestClient.Close close = c.awaitClose();
            assertThat(close.code()).isEqualTo(1008);
            assertThat(close.reason()).contains("API key not valid").doesNotContain("wrong-secret");
        }
    }

    @Test
    void missingKeyClosesWith1008() {
        try (WsTestClient c = WsTestClient.connect(Endpoints.gemini(emu), Map.of())) {
            WsTestClient.Close close = c.awaitClose();
            assertThat(close.code()).isEqualTo(1008);
            assertThat(close.reason()).contains("x-goog-api-key");
        }
    }

    @Test
    void theKeyOfOneFlavourDoesNotAuthenticateAnother() {
        // Vertex wants a bearer token: an API key header is no credential there
        try (WsTestClient c = WsTestClient.connect(Endpoints.vertex(emu), Map.of("x-goog-api-key", Endpoints.KEY))) {
            assertThat(c.awaitClose().code()).isEqualTo(1008);
        }
        try (WsTestClient c = WsTestClient.connect(Endpoints.constrained(emu, "v1beta", "bad-token"), Map.of())) {
            assertThat(c.awaitClose().code()).isEqualTo(1008);
        }
    }

    @Test
    void anyNonEmptyKeyPassesWhenNoneIsConfigured() throws Exception {
        try (GeminiLiveEmulator open = GeminiLiveEmulator.builder().engine(new RecordingEngine()).build().start()) {
            assertSetupCompletes(WsTestClient.connect(Endpoints.gemini(open), Map.of("x-goog-api-key", "anything")));
            try (WsTestClient c = WsTestClient.connect(Endpoints.gemini(open), Map.of())) {
                assertThat(c.awaitClose().code()).isEqualTo(1008);
            }
        }
    }

    @Test
    void otherPathsAreNotFound() throws Exception {
        URI unknown = URI.create(emu.baseUrl() + "/ws/google.ai.generativelanguage.v2.GenerativeService.Bidi");
        assertThatThrownBy(() -> WsTestClient.connect(unknown, Map.of("x-goog-api-key", Endpoints.KEY)))
                .rootCause().hasMessageContaining("404");
        HttpResponse<String> plain = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                URI.create(Endpoints.gemini(emu).toString().replace("ws://", "http://"))).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(plain.statusCode()).isEqualTo(400);
        assertThat(plain.body()).contains("WebSocket");
    }

    private static void assertSetupCompletes(WsTestClient client) throws Exception {
        try (WsTestClient c = client) {
            c.send(Frames.setup(Frames.NATIVE_AUDIO));
            assertThat(c.next().setupComplete().sessionId()).isNotBlank();
        }
    }
}
