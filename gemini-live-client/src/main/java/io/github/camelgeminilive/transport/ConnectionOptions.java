package io.github.camelgeminilive.transport;

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Objects;
import java.util.function.Supplier;

import io.github.camelgeminilive.protocol.LiveApiMethod;
import io.github.camelgeminilive.protocol.LiveJson;

/**
 * Where and how to open Live API WebSocket connections. {@code credentials} is asked on every new connection
 * (ephemeral tokens are single-use). TLS verification is always on; {@code trustStore} adds a custom trust store.
 * The base URL is checked here, before any connection or DNS lookup: plain {@code ws}/{@code http} would send the
 * credential unencrypted, so it is allowed only for a loopback host ({@code localhost}, {@code 127.0.0.0/8},
 * {@code [::1]}, judged by the literal host) unless {@code allowPlainText} is set.
 *
 * @param baseUrl            scheme, host and port, e.g. {@code wss://generativelanguage.googleapis.com}; the
 *                           flavour's path is appended ({@code http}/{@code https} map to {@code ws}/{@code wss})
 * @param flavour            which service endpoint and authentication scheme
 * @param apiVersion         {@code v1beta} (default), {@code v1alpha} or {@code v1} (Gemini API flavours; Vertex AI
 *                           uses {@code v1beta1}); another version fails here
 * @param credentials        API key, ephemeral token or OAuth access token, per flavour; never logged
 * @param connectTimeout     for the TCP/TLS connect and the WebSocket upgrade
 * @param trustStore         optional PKCS12/JKS trust store file, replacing the JDK default trust
 * @param trustStorePassword its password
 * @param maxMessageBytes    largest server message accepted (default 16 MiB, at most
 *                           {@link LiveJson#MAX_MESSAGE_BYTES}); a larger one closes the connection with 1009
 * @param maxOutgoingBytes   bytes of frames a connection holds queued for sending (default 16 MiB); a send beyond
 *                           it fails at once and is counted ({@link WebSocketConnection#refusedSends()})
 * @param allowPlainText     allow plain {@code ws}/{@code http} to hosts other than loopback (default false)
 */
public record ConnectionOptions(
        URI baseUrl,
        Flavour flavour,
        String apiVersion,
        Supplier<String> credentials,
        Duration connectTimeout,
        Path trustStore,
        String trustStorePassword,
        int maxMessageBytes,
        long maxOutgoingBytes,
        boolean allowPlainText) {

    public static final URI GEMINI_API = URI.create("wss://generativelanguage.googleapis.com");
    /** Default of {@code maxMessageBytes} and {@code maxOutgoingBytes}: 16 MiB. */
    public static final int DEFAULT_MAX_BYTES = 16 * 1024 * 1024;

    /** Service endpoint flavours: the method each calls, and how (see docs/wire-protocol.md, Endpoints). */
    public enum Flavour {
        /** {@code ...GenerativeService.BidiGenerateContent}, key in the {@code x-goog-api-key} header. */
        GEMINI_API(LiveApiMethod.BIDI_GENERATE_CONTENT),
        /** {@code ...GenerativeService.BidiGenerateContentConstrained?access_token=...} (ephemeral token). */
        EPHEMERAL_TOKEN(LiveApiMethod.BIDI_GENERATE_CONTENT_CONSTRAINED),
        /** Vertex AI {@code LlmBidiService/BidiGenerateContent} with {@code Authorization: Bearer}. */
        VERTEX_AI(LiveApiMethod.VERTEX_BIDI_GENERATE_CONTENT);

        private final LiveApiMethod method;

        Flavour(LiveApiMethod method) {
            this.method = method;
        }

        public LiveApiMethod method() {
            return method;
        }

        /**
         * The method's path in {@code apiVersion}; Vertex AI's in its default version ({@code v1beta1}), as
         * {@code apiVersion} names a Gemini API version.
         */
        String path(String apiVersion) {
            return method.path(this == VERTEX_AI ? null : apiVersion);
        }
    }

    public ConnectionOptions {
        Objects.requireNonNull(baseUrl, "baseUrl");
        Objects.requireNonNull(flavour, "flavour");
        Objects.requireNonNull(credentials, "credentials");
        apiVersion = apiVersion == null ? LiveApiMethod.BIDI_GENERATE_CONTENT.versions().get(0) : apiVersion;
        connectTimeout = connectTimeout == null ? Duration.ofSeconds(10) : connectTimeout;
        maxMessageBytes = maxMessageBytes <= 0 ? DEFAULT_MAX_BYTES : maxMessageBytes;
        if (maxMessageBytes > LiveJson.MAX_MESSAGE_BYTES) {
            throw new IllegalArgumentException("maxMessageBytes " + maxMessageBytes + " is over the codec's limit of "
                    + LiveJson.MAX_MESSAGE_BYTES + " bytes");
        }
        maxOutgoingBytes = maxOutgoingBytes <= 0 ? DEFAULT_MAX_BYTES : maxOutgoingBytes;
        BaseUrl.check(baseUrl, allowPlainText);
        flavour.path(apiVersion); // an unknown version fails here, not at every connect
    }

    /** The options with the default limits and plain text to loopback only. */
    public ConnectionOptions(URI baseUrl, Flavour flavour, String apiVersion, Supplier<String> credentials,
            Duration connectTimeout, Path trustStore, String trustStorePassword, int maxMessageBytes) {
        this(baseUrl, flavour, apiVersion, credentials, connectTimeout, trustStore, trustStorePassword,
                maxMessageBytes, 0, false);
    }

    /** Gemini API with an API key and defaults for the rest. */
    public static ConnectionOptions geminiApi(URI baseUrl, Supplier<String> apiKey) {
        return new ConnectionOptions(baseUrl, Flavour.GEMINI_API, null, apiKey, null, null, null, 0);
    }

    public ConnectionOptions withTrustStore(Path file, String password) {
        return new ConnectionOptions(baseUrl, flavour, apiVersion, credentials, connectTimeout, file, password,
                maxMessageBytes, maxOutgoingBytes, allowPlainText);
    }

    public ConnectionOptions withConnectTimeout(Duration timeout) {
        return new ConnectionOptions(baseUrl, flavour, apiVersion, credentials, timeout, trustStore,
                trustStorePassword, maxMessageBytes, maxOutgoingBytes, allowPlainText);
    }

    /** The largest server message and the outgoing queue bound; 0 keeps the default. */
    public ConnectionOptions withLimits(int messageBytes, long outgoingBytes) {
        return new ConnectionOptions(baseUrl, flavour, apiVersion, credentials, connectTimeout, trustStore,
                trustStorePassword, messageBytes, outgoingBytes, allowPlainText);
    }

    /**
     * Refuses again plain {@code ws}/{@code http} to hosts other than loopback ({@code false}), or allows it. Options
     * with such a base URL cannot be built without the allowance in the first place: to allow it, pass
     * {@code allowPlainText} to the canonical constructor.
     */
    public ConnectionOptions withAllowPlainText(boolean allow) {
        return new ConnectionOptions(baseUrl, flavour, apiVersion, credentials, connectTimeout, trustStore,
                trustStorePassword, maxMessageBytes, maxOutgoingBytes, allow);
    }

    /** The path of the flavour's method, in {@code apiVersion} for the Gemini API flavours. */
    String path() {
        return flavour.path(apiVersion);
    }

    /** Never prints the credentials. */
    @Override
    public String toString() {
        return "ConnectionOptions[baseUrl=" + baseUrl + ", flavour=" + flavour + ", apiVersion=" + apiVersion
                + ", connectTimeout=" + connectTimeout + ", trustStore=" + trustStore + ", maxMessageBytes="
                + maxMessageBytes + ", maxOutgoingBytes=" + maxOutgoingBytes + ", allowPlainText=" + allowPlainText
                + "]";
    }
}
