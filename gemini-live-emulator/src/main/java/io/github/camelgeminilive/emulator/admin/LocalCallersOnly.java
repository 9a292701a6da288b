package io.github.camelgeminilive.emulator.admin;

import java.net.InetSocketAddress;
import java.util.HashSet;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

import io.undertow.server.HttpServerExchange;
import io.undertow.util.Headers;
import io.undertow.util.StatusCodes;

/**
 * Who may call the admin API, which injects faults into anyone's sessions: programs on this machine (curl, tests,
 * benchmarks), neither other machines nor web pages open in a local browser, which a browser would let send
 * requests here. A request must
 * <ul>
 * <li>come from a loopback address;</li>
 * <li>name this server in its {@code Host} header (a loopback name or the bound host, and this port): after DNS
 * rebinding a page reaches 127.0.0.1 under its own name, which its requests carry;</li>
 * <li>carry no {@code Origin}, or this server's own: browsers add one to every POST and to every cross-origin
 * request but a no-cors GET (an image, a script), whose answer the page cannot read;</li>
 * <li>carry no body ({@code Content-Type}): the parameters are in the query. HTML forms, the only way older browsers
 * post without an {@code Origin}, always send a {@code Content-Type}.</li>
 * </ul>
 * No start-up token: curl, the tests and the benchmarks call the API as they are, with nothing to copy from the
 * emulator's output (which an embedded emulator does not print anyway).
 */
final class LocalCallersOnly {

    /** Why a request is refused. */
    record Refusal(int status, String reason) {
    }

    private static final Set<String> LOOPBACK_NAMES = Set.of("localhost", "127.0.0.1", "[::1]");
    private static final Set<String> WILDCARDS = Set.of("0.0.0.0", "[::]", "[0:0:0:0:0:0:0:0]");
    private static final int MAX_PORT_CHARS = 5;

    private final Set<String> hostNames;

    /** Accepts the loopback names and {@code boundHost}, the address the emulator binds. */
    LocalCallersOnly(String boundHost) {
        Set<String> names = new HashSet<>(LOOPBACK_NAMES);
        String bound = hostName(boundHost);
        if (!WILDCARDS.contains(bound)) {
            names.add(bound);
        }
        this.hostNames = Set.copyOf(names);
    }

    /** The refusal of {@code exchange}, or empty when it may be served. */
    Optional<Refusal> check(HttpServerExchange exchange) {
        if (!isLoopback(exchange.getSourceAddress())) {
            return refuse(StatusCodes.FORBIDDEN, "The emulator admin API answers loopback callers only");
        }
        String host = exchange.getRequestHeaders().getFirst(Headers.HOST);
        if (host == null || !namesThisServer(host, exchange)) {
            return refuse(StatusCodes.FORBIDDEN, "The emulator admin API answers requests addressed to "
                    + "localhost, 127.0.0.1 or [::1] (or the bound host) with its port only");
        }
        String origin = exchange.getRequestHeaders().getFirst(Headers.ORIGIN);
        if (origin != null && !origin.trim().equalsIgnoreCase(exchange.getRequestScheme() + "://" + host.trim())) {
            return refuse(StatusCodes.FORBIDDEN, "The emulator admin API refuses cross-origin requests");
        }
        if (exchange.getRequestHeaders().contains(Headers.CONTENT_TYPE)) {
            return refuse(StatusCodes.UNSUPPORTED_MEDIA_TYPE, "Admin requests take their parameters in the query "
                    + "and no body: send no Content-Type (curl -X POST, not -d)");
        }
        return Optional.empty();
    }

    static boolean isLoopback(InetSocketAddress remote) {
        return remote != null && remote.getAddress() != null && remote.getAddress().isLoopbackAddress();
    }

    private boolean namesThisServer(String hostHeader, HttpServerExchange exchange) {
        String h = hostHeader.trim().toLowerCase(Locale.ROOT);
        int colon = h.lastIndexOf(':');
        // a colon inside brackets belongs to an IPv6 literal, not to a port
        boolean hasPort = colon > h.lastIndexOf(']');
        String name = hasPort ? h.substring(0, colon) : h;
        int port = hasPort ? port(h.substring(colon + 1)) : defaultPort(exchange.getRequestScheme());
        InetSocketAddress local = exchange.getDestinationAddress();
        return hostNames.contains(name) && local != null && port == local.getPort();
    }

    private static int port(String text) {
        if (text.isEmpty() || text.length() > MAX_PORT_CHARS || !text.chars().allMatch(Character::isDigit)) {
            return -1;
        }
        return Integer.parseInt(text);
    }

    private static int defaultPort(String scheme) {
        return "https".equalsIgnoreCase(scheme) ? 443 : 80;
    }

    /** As a Host header names it: lower case, an IPv6 literal in brackets. */
    private static String hostName(String host) {
        String h = host.trim().toLowerCase(Locale.ROOT);
        return h.contains(":") && !h.startsWith("[") ? "[" + h + "]" : h;
    }

    private static Optional<Refusal> refuse(int status, String reason) {
        return Optional.of(new Refusal(status, reason));
    }
}
