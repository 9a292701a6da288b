package io.github.camelgeminilive.transport;

import java.net.InetAddress;
import java.net.URI;
import java.net.URLEncoder;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Turns {@link ConnectionOptions} into a {@link ConnectRequest}: the flavour's path appended to the base URL,
 * {@code http(s)} mapped to {@code ws(s)}, and the credential in the header (or, for ephemeral tokens only, the
 * query parameter) that flavour uses. The credential supplier is asked once per request.
 */
public final class LiveEndpoint {

    static final String GEMINI_PATH = "/ws/google.ai.generativelanguage.%s.GenerativeService.BidiGenerateContent";
    static final String CONSTRAINED_PATH = GEMINI_PATH + "Constrained";
    static final String VERTEX_PATH = "/ws/google.cloud.aiplatform.v1beta1.LlmBidiService/BidiGenerateContent";

    private static final String OCTET = "(25[0-5]|2[0-4]\\d|1\\d\\d|[1-9]?\\d)";
    private static final Pattern IPV4_LOOPBACK = Pattern.compile("127(\\." + OCTET + "){3}");
    private static final Pattern IPV6_LITERAL = Pattern.compile("\\[[0-9a-fA-F:.]+]");

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

    /**
     * Checks a base URL before anything connects: {@code ws}, {@code wss}, {@code http} or {@code https} with a host,
     * and plain {@code ws}/{@code http} (the credential unencrypted) only to a loopback host unless
     * {@code allowPlainText}. Decided on the literal host, so a name is never looked up here.
     *
     * @throws IllegalArgumentException naming the problem and, for plain text, the option that allows it
     */
    static void checkBaseUrl(URI baseUrl, boolean allowPlainText) {
        if ("ws".equals(webSocketScheme(baseUrl)) && !allowPlainText && !isLoopbackHost(baseUrl.getHost())) {
            throw new IllegalArgumentException("Base URL " + baseUrl + " is unencrypted " + baseUrl.getScheme()
                    + " to a host other than loopback, which would send the credential in clear text: use wss (or"
                    + " https), or set the option allowPlainText to allow it");
        }
    }

    /** {@code localhost}, an IPv4 address in 127.0.0.0/8 or an IPv6 loopback literal such as {@code [::1]}. */
    static boolean isLoopbackHost(String host) {
        if ("localhost".equalsIgnoreCase(host) || IPV4_LOOPBACK.matcher(host).matches()) {
            return true;
        }
        if (!IPV6_LITERAL.matcher(host).matches()) {
            return false; // a name: never resolved here
        }
        try { // a bracketed IPv6 literal is parsed, not looked up
            return InetAddress.getByName(host).isLoopbackAddress();
        } catch (UnknownHostException e) {
            return false;
        }
    }

    /** {@code ws} or {@code wss} for the base URL's scheme, which must have a host. */
    private static String webSocketScheme(URI baseUrl) {
        String scheme = baseUrl.getScheme() == null ? "" : baseUrl.getScheme().toLowerCase(Locale.ROOT);
        String wsScheme = switch (scheme) {
            case "ws", "http" -> "ws";
            case "wss", "https" -> "wss";
            default -> throw new IllegalArgumentException(
                    "Base URL must be ws, wss, http or https, not: " + baseUrl);
        };
        if (baseUrl.getHost() == null) {
            throw new IllegalArgumentException("Base URL has no host: " + baseUrl);
        }
        return wsScheme;
    }

    /** Scheme mapped to ws/wss, no trailing slash, any query dropped. */
    static String webSocketBase(URI baseUrl) {
        String wsScheme = webSocketScheme(baseUrl);
        String path = baseUrl.getRawPath() == null ? "" : baseUrl.getRawPath();
        while (path.endsWith("/")) {
            path = path.substring(0, path.length() - 1);
        }
        return wsScheme + "://" + baseUrl.getRawAuthority() + path;
    }
}
