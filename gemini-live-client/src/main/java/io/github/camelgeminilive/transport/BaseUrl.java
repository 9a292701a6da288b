package io.github.camelgeminilive.transport;

import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * The base URL of {@link ConnectionOptions}: checked before anything connects, and turned into the WebSocket base
 * the method's path is appended to. Hosts are judged as written, so a name is never looked up here.
 */
final class BaseUrl {

    private static final String OCTET = "(25[0-5]|2[0-4]\\d|1\\d\\d|[1-9]?\\d)";
    private static final Pattern IPV4_LOOPBACK = Pattern.compile("127(\\." + OCTET + "){3}");
    private static final Pattern IPV6_LITERAL = Pattern.compile("\\[[0-9a-fA-F:.]+]");

    private BaseUrl() {
    }

    /**
     * Checks a base URL: {@code ws}, {@code wss}, {@code http} or {@code https} with a host, and plain
     * {@code ws}/{@code http} (the credential unencrypted) only to a loopback host unless {@code allowPlainText}.
     *
     * @throws IllegalArgumentException naming the problem and, for plain text, the option that allows it
     */
    static void check(URI baseUrl, boolean allowPlainText) {
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

    /** Scheme mapped to ws/wss, no trailing slash, any query dropped. */
    static String webSocketBase(URI baseUrl) {
        String wsScheme = webSocketScheme(baseUrl);
        String path = baseUrl.getRawPath() == null ? "" : baseUrl.getRawPath();
        while (path.endsWith("/")) {
            path = path.substring(0, path.length() - 1);
        }
        return wsScheme + "://" + baseUrl.getRawAuthority() + path;
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
}
