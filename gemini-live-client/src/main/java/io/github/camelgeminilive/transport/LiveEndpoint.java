package io.github.camelgeminilive.transport;

import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

/**
 * Turns {@link ConnectionOptions} into a {@link ConnectRequest}: the flavour's path appended to the base URL,
 * {@code http(s)} mapped to {@code ws(s)}, and the credential in the header (or, for ephemeral tokens only, the
 * query parameter) that flavour uses. The credential supplier is asked once per request.
 */
public final class LiveEndpoint {

    static final String GEMINI_PATH = "/ws/google.ai.generativelanguage.%s.GenerativeService.BidiGenerateContent";
    static final String CONSTRAINED_PATH = GEMINI_PATH + "Constrained";
    static final String VERTEX_PATH = "/ws/google.cloud.aiplatform.v1beta1.LlmBidiService/BidiGenerateContent";

    private LiveEndpoint() {
    }

    /** The request for one new connection. */
    public static ConnectRequest request(ConnectionOptions options) {
        String credential = options.credentials().get();
        if (credential == null || credential.isBlank()) {
            throw new IllegalArgumentException("No credential for the Live API (" + options.flavour()
                    + "): set an API key or token");
        }
        String base = webSocketBase(options.baseUrl());
        return switch (options.flavour()) {
            case GEMINI_API -> new ConnectRequest(URI.create(base + GEMINI_PATH.formatted(options.apiVersion())),
                    Map.of("x-goog-api-key", credential), null, List.of(credential));
            case EPHEMERAL_TOKEN -> {
                String path = base + CONSTRAINED_PATH.formatted(options.apiVersion());
                yield new ConnectRequest(
                        URI.create(path + "?access_token=" + URLEncoder.encode(credential, StandardCharsets.UTF_8)),
                        Map.of(), path + "?access_token=***",
                        List.of(credential, URLEncoder.encode(credential, StandardCharsets.UTF_8)));
            }
            case VERTEX_AI -> new ConnectRequest(URI.create(base + VERTEX_PATH),
                    Map.of("Authorization", "Bearer " + credential), null, List.of(credential));
        };
    }

    /** Scheme mapped to ws/wss, no trailing slash, any query dropped. */
    static String webSocketBase(URI baseUrl) {
        String scheme = baseUrl.getScheme() == null ? "" : baseUrl.getScheme().toLowerCase();
        String wsScheme = switch (scheme) {
            case "ws", "http" -> "ws";
            case "wss", "https" -> "wss";
            default -> throw new IllegalArgumentException(
                    "Base URL must be ws, wss, http or https, not: " + baseUrl);
        };
        if (baseUrl.getHost() == null) {
            throw new IllegalArgumentException("Base URL has no host: " + baseUrl);
        }
        String path = baseUrl.getRawPath() == null ? "" : baseUrl.getRawPath();
        while (path.endsWith("/")) {
            path = path.substring(0, path.length() - 1);
        }
        return wsScheme + "://" + baseUrl.getRawAuthority() + path;
    }
}
