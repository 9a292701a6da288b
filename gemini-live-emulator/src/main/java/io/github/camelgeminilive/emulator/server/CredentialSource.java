package io.github.camelgeminilive.emulator.server;

import java.util.List;
import java.util.Map;
import java.util.Optional;

import io.github.camelgeminilive.protocol.LiveApiMethod;
import io.undertow.websockets.spi.WebSocketHttpExchange;

/**
 * Where a client of each Live API method presents its credential in the handshake (see docs/wire-protocol.md,
 * Endpoints).
 */
enum CredentialSource {

    /** Gemini API: {@code x-goog-api-key} header or {@code ?key=}. */
    API_KEY(LiveApiMethod.BIDI_GENERATE_CONTENT,
            "send the API key in the x-goog-api-key header or the key query parameter"),
    /** Gemini API with an ephemeral token: {@code ?access_token=} (or {@code Authorization: Token}). */
    EPHEMERAL_TOKEN(LiveApiMethod.BIDI_GENERATE_CONTENT_CONSTRAINED,
            "send the ephemeral token in the access_token query parameter"),
    /** Vertex AI: {@code Authorization: Bearer}. */
    BEARER_TOKEN(LiveApiMethod.VERTEX_BIDI_GENERATE_CONTENT,
            "send an OAuth access token in the Authorization: Bearer header");

    private final LiveApiMethod method;
    private final String hint;

    CredentialSource(LiveApiMethod method, String hint) {
        this.method = method;
        this.hint = hint;
    }

    /** Where clients of {@code method} present their credential. */
    static CredentialSource of(LiveApiMethod method) {
        for (CredentialSource s : values()) {
            if (s.method == method) {
                return s;
            }
        }
        throw new IllegalArgumentException("No credential source for " + method);
    }

    /** The credential the client presented here, if any. */
    Optional<String> credential(WebSocketHttpExchange exchange) {
        return switch (this) {
            case API_KEY -> firstPresent(exchange.getRequestHeader("x-goog-api-key"),
                    parameter(exchange.getRequestParameters(), "key"));
            case EPHEMERAL_TOKEN -> firstPresent(parameter(exchange.getRequestParameters(), "access_token"),
                    authorization(exchange, "Token "));
            case BEARER_TOKEN -> firstPresent(authorization(exchange, "Bearer "), null);
        };
    }

    /** How to present the credential here, for the 1008 reason. */
    String hint() {
        return hint;
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
