package io.github.camelgeminilive.emulator.server;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

import io.undertow.websockets.spi.WebSocketHttpExchange;

/**
 * The Live API's WebSocket endpoints (reference section 1) and where each takes its credential from.
 *
 * <p>A request path names an endpoint when it ends in the endpoint's {@code /ws/...} method path, in any of the
 * API versions the SDKs may ask for, after repeated slashes are collapsed: Google's SDKs append {@code /ws/...} to
 * the base URL's path, so a base URL with a trailing slash or a path of its own gives {@code //ws/...} or
 * {@code /pre//ws/...}. Whatever comes before {@code /ws/} is taken as such a base path and ignored.
 */
enum LiveEndpoint {

    /** Gemini API: {@code x-goog-api-key} header or {@code ?key=}. */
    GEMINI_API("google\\.ai\\.generativelanguage\\.v1(beta|alpha)?\\.GenerativeService\\.BidiGenerateContent"),
    /** Gemini API with an ephemeral token: {@code ?access_token=} (or {@code Authorization: Token}). */
    CONSTRAINED("google\\.ai\\.generativelanguage\\.v1(beta|alpha)?\\.GenerativeService"
            + "\\.BidiGenerateContentConstrained"),
    /** Vertex AI: {@code Authorization: Bearer}. */
    VERTEX("google\\.cloud\\.aiplatform\\.v1(beta1)?\\.LlmBidiService/BidiGenerateContent");

    private static final Pattern REPEATED_SLASHES = Pattern.compile("/{2,}");

    private final Pattern path;

    LiveEndpoint(String method) {
        // the prefix ends in '/' right before "ws/": a base path of whole segments, never "/prews/..."
        this.path = Pattern.compile("(?s).*/ws/" + method);
    }

    /** The endpoint {@code requestPath} (decoded, without the query) names, if any. */
    static Optional<LiveEndpoint> forPath(String requestPath) {
        String canonical = REPEATED_SLASHES.matcher(requestPath).replaceAll("/");
        for (LiveEndpoint e : values()) {
            if (e.path.matcher(canonical).matches()) {
                return Optional.of(e);
            }
        }
        return Optional.empty();
    }

    /** The credential the client presented the way this endpoint expects it, if any. */
    Optional<String> credential(WebSocketHttpExchange exchange) {
        return switch (this) {
            case GEMINI_API -> firstPresent(exchange.getRequestHeader("x-goog-api-key"),
                    parameter(exchange.getRequestParameters(), "key"));
            case CONSTRAINED -> firstPresent(parameter(exchange.getRequestParameters(), "access_token"),
                    authorization(exchange, "Token "));
            case VERTEX -> firstPresent(authorization(exchange, "Bearer "), null);
        };
    }

    /** How a client of this endpoint should present its credential, for the 1008 reason. */
    String credentialHint() {
        return switch (this) {
            case GEMINI_API -> "send the API key in the x-goog-api-key header or the key query parameter";
            case CONSTRAINED -> "send the ephemeral token in the access_token query parameter";
            case VERTEX -> "send an OAuth access token in the Authorization: Bearer header";
        };
    }

    private static String authorization(WebSocketHttpExchange exchange, String scheme) {
        String value = exchange.getRequestHeader("Authorization");
        if (value != null && value.regionMatches(true, 0, scheme, 0, scheme.length())) {
            return value.substring(scheme.length()).trim();
        }
        return null;
    }

    private static String parameter(Map<String, List<String>> parameters, String name) {
        List<String> values = parameters == null ? null : parameters.get(name);
        return values == null || values.isEmpty() ? null : values.get(0);
    }

    private static Optional<String> firstPresent(String a, String b) {
        if (a != null && !a.isBlank()) {
            return Optional.of(a);
        }
        return Optional.ofNullable(b).filter(s -> !s.isBlank());
    }
}
