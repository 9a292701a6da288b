package io.github.camelgeminilive.websocket;

/** The {@code host:port/path} of an endpoint URI. */
record EndpointAddress(String host, int port, String path) {

    /** Parses {@code host:port/path} ({@code [v6]:port/path} for IPv6); an empty path is {@code /}. */
    static EndpointAddress parse(String remaining) {
        String r = remaining == null ? "" : remaining;
        int hostEnd = r.startsWith("[") ? r.indexOf(']') + 1 : r.indexOf(':');
        if (hostEnd <= 0 || hostEnd >= r.length() || r.charAt(hostEnd) != ':') {
            throw new IllegalArgumentException(
                    "Expected gemini-live-websocket:host:port/path, got gemini-live-websocket:" + r);
        }
        String host = r.startsWith("[") ? r.substring(1, hostEnd - 1) : r.substring(0, hostEnd);
        int slash = r.indexOf('/', hostEnd);
        String portText = slash < 0 ? r.substring(hostEnd + 1) : r.substring(hostEnd + 1, slash);
        int port;
        try {
            port = Integer.parseInt(portText);
        } catch (NumberFormatException e) {
            port = -1;
        }
        if (port < 0 || port > 65_535) {
            throw new IllegalArgumentException("The port must be 0 to 65535 (0: any free port), got '" + portText
                    + "' in gemini-live-websocket:" + r);
        }
        return new EndpointAddress(host, port, slash < 0 ? "/" : r.substring(slash));
    }
}
