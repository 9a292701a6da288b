package io.github.camelgeminilive.transport;

import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * One WebSocket handshake: the full URI and handshake headers (both may carry a credential), the URI as it may be
 * shown, and the secrets that must never appear in logs or exception texts.
 *
 * @param uri        the URI to connect to, possibly with a secret query parameter: never log it
 * @param headers    extra handshake headers, possibly with a credential
 * @param displayUri {@code uri} with secrets replaced, for logs and messages
 * @param secrets    values {@link #redact(String)} removes from any text
 */
public record HandshakeRequest(URI uri, Map<String, String> headers, String displayUri, List<String> secrets) {

    private static final String MASK = "***";

    public HandshakeRequest {
        Objects.requireNonNull(uri, "uri");
        headers = Map.copyOf(headers);
        displayUri = displayUri == null ? uri.toString() : displayUri;
        secrets = secrets.stream().filter(s -> s != null && !s.isEmpty()).toList();
    }

    /**
     * The request for one new connection: the flavour's method path appended to the base URL, {@code http(s)}
     * mapped to {@code ws(s)}, and the credential in the header (or, for ephemeral tokens only, the query
     * parameter) that flavour uses. The credential supplier is asked once per call.
     *
     * @throws IllegalArgumentException when the supplier gives no credential
     */
    public static HandshakeRequest of(ConnectionOptions options) {
        String credential = options.credentials().get();
        if (credential == null || credential.isBlank()) {
            throw new IllegalArgumentException("No credential for the Live API (" + options.flavour()
                    + "): set an API key or token");
        }
        String url = BaseUrl.webSocketBase(options.baseUrl()) + options.path();
        return switch (options.flavour()) {
            case GEMINI_API -> new HandshakeRequest(URI.create(url), Map.of("x-goog-api-key", credential), null,
                    List.of(credential));
            case EPHEMERAL_TOKEN -> {
                String encoded = URLEncoder.encode(credential, StandardCharsets.UTF_8);
                yield new HandshakeRequest(URI.create(url + "?access_token=" + encoded), Map.of(),
                        url + "?access_token=***", List.of(credential, encoded));
            }
            case VERTEX_AI -> new HandshakeRequest(URI.create(url), Map.of("Authorization", "Bearer " + credential),
                    null, List.of(credential));
        };
    }

    /** {@code text} with every secret of this request masked; null stays null. */
    public String redact(String text) {
        if (text == null) {
            return null;
        }
        String out = text.replace(uri.toString(), displayUri);
        for (String secret : secrets) {
            out = out.replace(secret, MASK);
        }
        return out;
    }

    /** True when the URI itself carries a secret (the ephemeral-token flavour): it must never be logged. */
    public boolean secretInUri() {
        return !redact(uri.toString()).equals(uri.toString());
    }

    /** Shows only the display URI and header names. */
    @Override
    public String toString() {
        return "HandshakeRequest[" + displayUri + ", headers=" + headers.keySet() + "]";
    }
}
