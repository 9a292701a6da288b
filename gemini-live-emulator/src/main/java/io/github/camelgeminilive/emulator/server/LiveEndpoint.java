package io.github.camelgeminilive.emulator.server;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

import io.undertow.websockets.spi.WebSocketHttpExchange;

/** The Live API's WebSocket endpoints (reference section 1) and where each takes its credential from. */
enum LiveEndpoint {

    /** Gemini API: {@code x-goog-api-key} header or {@code ?key=}. */
    GEMINI_API(Pattern.compile("/ws/google\\.ai\\.generativelanguage\\.v1(beta|alpha)?\\.GenerativeService"
            + "\\.BidiGenerateContent")),
    /** Gemini API with an ephemeral token: {@code ?access_token=} (or {@code Authorization: Token}). */
    CONSTRAINED(Pattern.compile("/ws/google\\.ai\\.generativelanguage\\.v1(beta|alpha)?\\.GenerativeService"
            + "\\.BidiGenerateContentConstrained")),
    /** Vertex AI: {@code Authorization: Bearer}. */
    VERTEX(Pattern.compile("/ws/google\\.cloud\\.aiplatform\\.v1beta1\\.LlmBidiService/BidiGenerateContent"));

    private final Pattern path;

    LiveEndpoint(Pattern path) {
        this.path = path;
    }

    static Optional<LiveEndpoint> forPath(String requestPath) {
        for (LiveEndpoint e : values()) {
            if (e.path.matcher(requestPath).matches()) {
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
