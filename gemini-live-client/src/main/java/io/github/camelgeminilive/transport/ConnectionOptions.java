package io.github.camelgeminilive.transport;

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Objects;
import java.util.function.Supplier;

/**
 * Where and how to open Live API WebSocket connections. {@code credentials} is asked on every new connection
 * (ephemeral tokens are single-use). TLS verification is always on; {@code trustStore} adds a custom trust store.
 *
 * @param baseUrl            scheme, host and port, e.g. {@code wss://generativelanguage.googleapis.com}; the
 *                           flavour's path is appended ({@code http}/{@code https} map to {@code ws}/{@code wss})
 * @param flavour            which service endpoint and authentication scheme
 * @param apiVersion         {@code v1beta}, {@code v1alpha} or {@code v1} (Gemini API flavours)
 * @param credentials        API key, ephemeral token or OAuth access token, per flavour; never logged
 * @param connectTimeout     for the TCP/TLS connect and the WebSocket upgrade
 * @param trustStore         optional PKCS12/JKS trust store file, replacing the JDK default trust
 * @param trustStorePassword its password
 * @param maxMessageBytes    largest server message accepted
 */
public record ConnectionOptions(
        URI baseUrl,
        Flavour flavour,
        String apiVersion,
        Supplier<String> credentials,
        Duration connectTimeout,
        Path trustStore,
        String trustStorePassword,
        int maxMessageBytes) {

    public static final URI GEMINI_API = URI.create("wss://generativelanguage.googleapis.com");

    /** Service endpoint flavours (reference section 1). */
    public enum Flavour {
        /** {@code ...GenerativeService.BidiGenerateContent}, key in the {@code x-goog-api-key} header. */
        GEMINI_API,
        /** {@code ...GenerativeService.BidiGenerateContentConstrained?access_token=...} (ephemeral token). */
        EPHEMERAL_TOKEN,
        /** Vertex AI {@code LlmBidiService/BidiGenerateContent} with {@code Authorization: Bearer}. */
        VERTEX_AI
    }

    public ConnectionOptions {
        Objects.requireNonNull(baseUrl, "baseUrl");
        Objects.requireNonNull(flavour, "flavour");
        Objects.requireNonNull(credentials, "credentials");
        apiVersion = apiVersion == null ? "v1beta" : apiVersion;
        connectTimeout = connectTimeout == null ? Duration.ofSeconds(10) : connectTimeout;
        maxMessageBytes = maxMessageBytes <= 0 ? 16 * 1024 * 1024 : maxMessageBytes;
    }

    /** Gemini API with an API key and defaults for the rest. */
    public static ConnectionOptions geminiApi(URI baseUrl, Supplier<String> apiKey) {
        return new ConnectionOptions(baseUrl, Flavour.GEMINI_API, "v1beta", apiKey, null, null, null, 0);
    }

    public ConnectionOptions withTrustStore(Path file, String password) {
        return new ConnectionOptions(baseUrl, flavour, apiVersion, credentials, connectTimeout, file, password,
                maxMessageBytes);
    }

    public ConnectionOptions withConnectTimeout(Duration timeout) {
        return new ConnectionOptions(baseUrl, flavour, apiVersion, credentials, timeout, trustStore,
                trustStorePassword, maxMessageBytes);
    }

    /** Never prints the credentials. */
    @Override
    public String toString() {
        return "ConnectionOptions[baseUrl=" + baseUrl + ", flavour=" + flavour + ", apiVersion=" + apiVersion
                + ", connectTimeout=" + connectTimeout + ", trustStore=" + trustStore + "]";
    }
}
