package io.github.camelgeminilive.transport;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.time.Duration;

import org.junit.jupiter.api.Test;

import io.github.camelgeminilive.transport.ConnectionOptions.Flavour;

class LiveEndpointTest {

    private static ConnectionOptions options(String base, Flavour flavour, String version, String secret) {
        return new ConnectionOptions(URI.create(base), flavour, version, () -> secret, Duration.ofSeconds(1), null,
                null, 0);
    }

    @Test
    void geminiApiPutsTheKeyInTheHeaderNotTheUrl() {
        ConnectRequest r = LiveEndpoint.request(options("https://example.test:8443/", Flavour.GEMINI_API, "v1",
                "sekret-key"));
        assertThat(r.uri()).hasToString("wss://example.test:8443/ws/google.ai.generativelanguage.v1"
                + ".GenerativeService.BidiGenerateContent");
        assertThat(r.headers()).containsExactly(java.util.Map.entry("x-goog-api-key", "sekret-key"));
        assertThat(r.displayUri()).doesNotContain("sekret");
        assertThat(r.toString()).doesNotContain("sekret");
    }

    @Test
    void ephemeralTokenGoesInTheQueryAndIsMaskedForDisplay() {
        ConnectRequest r = LiveEndpoint.request(options("http://127.0.0.1:1234", Flavour.EPHEMERAL_TOKEN,
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
        ConnectRequest r = LiveEndpoint.request(options("wss://us-central1-aiplatform.googleapis.com",
                Flavour.VERTEX_AI, null, "ya29.token"));
        assertThat(r.uri()).hasToString("wss://us-central1-aiplatform.googleapis.com"
                + "/ws/google.cloud.aiplatform.v1beta1.LlmBidiService/BidiGenerateContent");
        assertThat(r.headers()).containsEntry("Authorization", "Bearer ya29.token");
    }

    @Test
    void baseUrlPathIsKeptAndDefaultVersionIsV1beta() {
        ConnectRequest r = LiveEndpoint.request(options("https://proxy.test/prefix/", Flavour.GEMINI_API, null, "k"));
        assertThat(r.uri().toString()).startsWith("wss://proxy.test/prefix/ws/google.ai.generativelanguage.v1beta.");
    }

    @Test
    void rejectsBadBaseUrlsAndMissingCredentials() {
        assertThatThrownBy(() -> LiveEndpoint.request(options("ftp://x.test", Flavour.GEMINI_API, null, "k")))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("ws, wss, http or https");
        assertThatThrownBy(() -> LiveEndpoint.request(options("wss://x.test", Flavour.GEMINI_API, null, " ")))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("No credential");
    }

    @Test
    void connectionOptionsToStringHidesTheCredentialAndPassword() {
        ConnectionOptions o = options("wss://x.test", Flavour.GEMINI_API, null, "sekret-key")
                .withTrustStore(java.nio.file.Path.of("ts.p12"), "store-pass");
        assertThat(o.toString()).doesNotContain("sekret").doesNotContain("store-pass");
    }
}
