package io.github.camelgeminilive.transport;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.time.Duration;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import io.github.camelgeminilive.protocol.LiveJson;
import io.github.camelgeminilive.transport.ConnectionOptions.Flavour;

class HandshakeRequestTest {

    private static ConnectionOptions options(String base, Flavour flavour, String version, String secret) {
        return new ConnectionOptions(URI.create(base), flavour, version, () -> secret, Duration.ofSeconds(1), null,
                null, 0);
    }

    @Test
    void geminiApiPutsTheKeyInTheHeaderNotTheUrl() {
        HandshakeRequest r = HandshakeRequest.of(options("https://example.test:8443/", Flavour.GEMINI_API, "v1",
                "sekret-key"));
        assertThat(r.uri()).hasToString("wss://example.test:8443/ws/google.ai.generativelanguage.v1"
                + ".GenerativeService.BidiGenerateContent");
        assertThat(r.headers()).containsExactly(java.util.Map.entry("x-goog-api-key", "sekret-key"));
        assertThat(r.displayUri()).doesNotContain("sekret");
        assertThat(r.toString()).doesNotContain("sekret");
    }

    @Test
    void ephemeralTokenGoesInTheQueryAndIsMaskedForDisplay() {
        HandshakeRequest r = HandshakeRequest.of(options("http://127.0.0.1:1234", Flavour.EPHEMERAL_TOKEN,
                "v1alpha", "auth_tokens/abc+def"));
        assertThat(r.uri()).hasToString("ws://127.0.0.1:1234/ws/google.ai.generativelanguage.v1alpha"
                + ".GenerativeService.BidiGenerateContentConstrained?access_token=auth_tokens%2Fabc%2Bdef");
        assertThat(r.headers()).isEmpty();
        assertThat(r.displayUri()).endsWith("?access_token=***").doesNotContain("abc");
        assertThat(r.redact("failed: " + r.uri() + " token auth_tokens/abc+def"))
                .doesNotContain("abc").contains("access_token=***");
    }

    @Test
    void vertexUsesBearerHeaderAndItsOwnPath() {
        HandshakeRequest r = HandshakeRequest.of(options("wss://us-central1-aiplatform.googleapis.com",
                Flavour.VERTEX_AI, null, "ya29.token"));
        assertThat(r.uri()).hasToString("wss://us-central1-aiplatform.googleapis.com"
                + "/ws/google.cloud.aiplatform.v1beta1.LlmBidiService/BidiGenerateContent");
        assertThat(r.headers()).containsEntry("Authorization", "Bearer ya29.token");
    }

    @Test
    void baseUrlPathIsKeptAndDefaultVersionIsV1beta() {
        HandshakeRequest r = HandshakeRequest.of(options("https://proxy.test/prefix/", Flavour.GEMINI_API, null, "k"));
        assertThat(r.uri().toString()).startsWith("wss://proxy.test/prefix/ws/google.ai.generativelanguage.v1beta.");
    }

    @Test
    void rejectsBadBaseUrlsAndMissingCredentials() {
        assertThatThrownBy(() -> HandshakeRequest.of(options("ftp://x.test", Flavour.GEMINI_API, null, "k")))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("ws, wss, http or https");
        assertThatThrownBy(() -> HandshakeRequest.of(options("wss://x.test", Flavour.GEMINI_API, null, " ")))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("No credential");
    }

    @Test
    void anApiVersionTheMethodIsNotServedInFailsInTheConstructorAndVertexKeepsItsOwn() {
        assertThatThrownBy(() -> options("wss://x.test", Flavour.GEMINI_API, "v2", "k"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("'v2'")
                .hasMessageContaining("[v1beta, v1alpha, v1]");
        // the Gemini API version does not apply to Vertex AI's method
        assertThat(HandshakeRequest.of(options("wss://x.test", Flavour.VERTEX_AI, "v1alpha", "k")).uri().getPath())
                .isEqualTo("/ws/google.cloud.aiplatform.v1beta1.LlmBidiService/BidiGenerateContent");
    }

    @ParameterizedTest
    @ValueSource(strings = {"ws://example.com", "http://example.com:8080/x", "ws://10.0.0.1", "ws://128.0.0.1",
            "ws://localhost.example.com", "ws://127.0.0.1.example.com", "ws://[2001:db8::1]", "ws://[::2]",
            "WS://EXAMPLE.COM"})
    void plainTextToAHostOtherThanLoopbackIsRefusedUnlessAllowed(String base) {
        // refused in the constructor: no connection, and no DNS lookup (the host is judged as written)
        assertThatThrownBy(() -> options(base, Flavour.GEMINI_API, null, "k"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("Base URL " + base + " is unencrypted")
                .hasMessageContaining("clear text").hasMessageContaining("allowPlainText");

        ConnectionOptions allowed = new ConnectionOptions(URI.create(base), Flavour.GEMINI_API, null, () -> "k", null,
                null, null, 0, 0, true);
        assertThat(HandshakeRequest.of(allowed).uri().getScheme()).isEqualTo("ws");
        assertThat(allowed.withAllowPlainText(true).allowPlainText()).isTrue();
    }

    @ParameterizedTest
    @ValueSource(strings = {"ws://localhost:1234", "http://LocalHost", "ws://127.0.0.1:9", "ws://127.255.3.4",
            "ws://[::1]:80", "ws://[0:0:0:0:0:0:0:1]", "http://[::ffff:127.0.0.1]:8080", "wss://example.com",
            "https://10.0.0.1"})
    void loopbackMayBePlainAndEncryptedMayGoAnywhere(String base) {
        assertThat(HandshakeRequest.of(options(base, Flavour.GEMINI_API, null, "k")).uri()).isNotNull();
    }

    @Test
    void theLimitsHaveDefaultsAndTheMessageLimitStaysWithinTheCodecs() {
        ConnectionOptions o = options("wss://x.test", Flavour.GEMINI_API, null, "k");
        assertThat(o.maxMessageBytes()).isEqualTo(16 * 1024 * 1024);
        assertThat(o.maxOutgoingBytes()).isEqualTo(16 * 1024 * 1024);
        assertThat(o.withLimits(1000, 2000)).extracting(ConnectionOptions::maxMessageBytes,
                ConnectionOptions::maxOutgoingBytes).containsExactly(1000, 2000L);
        assertThatThrownBy(() -> o.withLimits(LiveJson.MAX_MESSAGE_BYTES + 1, 0))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("over the codec's limit");
    }

    @Test
    void connectionOptionsToStringHidesTheCredentialAndPassword() {
        ConnectionOptions o = options("wss://x.test", Flavour.GEMINI_API, null, "sekret-key")
                .withTrustStore(java.nio.file.Path.of("ts.p12"), "store-pass");
        assertThat(o.toString()).doesNotContain("sekret").doesNotContain("store-pass");
    }
}
