package io.github.camelgeminilive.transport;

import java.net.URI;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * One connection attempt: the full URI and handshake headers (both may carry a credential), the URI as it may be
 * shown, and the secrets that must never appear in logs or exception texts.
 *
 * @param uri        the URI to connect to, possibly with a secret query parameter: never log it
 * @param headers    extra handshake headers, possibly with a credential
 * @param displayUri {@code uri} with secrets replaced, for logs and messages
 * @param secrets    values {@link #redact(String)} removes from any text
 */
public record ConnectRequest(URI uri, Map<String, String> headers, String displayUri, List<String> secrets) {

    private static final String MASK = "***";

    public ConnectRequest {
        Objects.requireNonNull(uri, "uri");
        headers = Map.copyOf(headers);
        displayUri = displayUri == null ? uri.toString() : displayUri;
        secrets = secrets.stream().filter(s -> s != null && !s.isEmpty()).toList();
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
        return "ConnectRequest[" + displayUri + ", headers=" + headers.keySet() + "]";
    }
}
