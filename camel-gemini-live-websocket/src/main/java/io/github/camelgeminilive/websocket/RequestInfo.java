package io.github.camelgeminilive.websocket;

import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

import org.apache.camel.Message;

/**
 * What a route learns about the request that opened a connection (or an HTTP request): its path, parameters (first
 * value of each name), headers (first value, credentials left out) and the peer's address.
 */
record RequestInfo(String path, Map<String, String> parameters, Map<String, String> headers, String remoteAddress) {

    /** Headers that carry credentials: never copied onto an exchange. */
    private static final Set<String> SENSITIVE = Set.of("authorization", "proxy-authorization", "cookie");

    static Map<String, String> firstValues(Map<String, ? extends Collection<String>> values) {
        Map<String, String> first = new LinkedHashMap<>();
        values.forEach((name, list) -> {
            if (!list.isEmpty()) {
                first.put(name, list.iterator().next());
            }
        });
        return first;
    }

    static Map<String, String> withoutSensitive(Map<String, List<String>> headers) {
        Map<String, List<String>> kept = new LinkedHashMap<>();
        headers.forEach((name, list) -> {
            if (!SENSITIVE.contains(name.toLowerCase(Locale.ROOT))) {
                kept.put(name, list);
            }
        });
        return firstValues(kept);
    }

    /** Sets the request's headers on {@code message}. */
    void copyTo(Message message) {
        message.setHeader(GeminiLiveWebsocketConstants.PATH, path);
        message.setHeader(GeminiLiveWebsocketConstants.PARAMETERS, parameters);
        message.setHeader(GeminiLiveWebsocketConstants.REQUEST_HEADERS, headers);
        message.setHeader(GeminiLiveWebsocketConstants.REMOTE_ADDRESS, remoteAddress);
    }
}
