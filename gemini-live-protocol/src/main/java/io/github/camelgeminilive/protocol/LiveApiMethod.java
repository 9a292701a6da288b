package io.github.camelgeminilive.protocol;

import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The Live API's WebSocket methods and the URL paths that name them, for the client (which builds them) and the
 * emulator (which recognises them). See docs/wire-protocol.md, "Endpoints".
 *
 * <p>A request path names a method when it ends in the method's {@code /ws/...} path in one of its API versions,
 * after repeated slashes are collapsed: Google's SDKs append {@code /ws/...} to the base URL's path, so a base URL
 * with a trailing slash or a path of its own gives {@code //ws/...} or {@code /pre//ws/...}. Whatever comes before
 * {@code /ws/} is such a base path.
 */
public enum LiveApiMethod {

    /** Gemini API, with an API key. */
    BIDI_GENERATE_CONTENT("google.ai.generativelanguage.%s.GenerativeService.BidiGenerateContent",
            List.of("v1beta", "v1alpha", "v1")),
    /** Gemini API with an ephemeral token. */
    BIDI_GENERATE_CONTENT_CONSTRAINED(
            "google.ai.generativelanguage.%s.GenerativeService.BidiGenerateContentConstrained",
            List.of("v1beta", "v1alpha", "v1")),
    /** Vertex AI, with an OAuth access token. */
    VERTEX_BIDI_GENERATE_CONTENT("google.cloud.aiplatform.%s.LlmBidiService/BidiGenerateContent",
            List.of("v1beta1", "v1"));

    private static final Pattern REPEATED_SLASHES = Pattern.compile("/{2,}");

    private final String method;
    private final List<String> versions;
    private final Pattern anyVersion;

    LiveApiMethod(String method, List<String> versions) {
        this.method = method;
        this.versions = versions;
        String alternatives = String.join("|", versions.stream().map(Pattern::quote).toList());
        // the prefix ends in '/' right before "ws/": a base path of whole segments, never "/prews/..."
        this.anyVersion = Pattern.compile("(?s).*/ws/"
                + Pattern.quote(method).replace("%s", "\\E(" + alternatives + ")\\Q"));
    }

    /** The API versions the service serves this method in; the first is the default. */
    public List<String> versions() {
        return versions;
    }

    /** {@code /ws/<method>} in {@code version} (null: the default version). */
    public String path(String version) {
        String v = version == null ? versions.get(0) : version;
        if (!versions.contains(v)) {
            throw new IllegalArgumentException("API version '" + v + "' is not one of " + versions + " for " + name());
        }
        return "/ws/" + method.formatted(v);
    }

    /** The method {@code requestPath} (decoded, without the query) names, if any. */
    public static Optional<LiveApiMethod> forPath(String requestPath) {
        String canonical = REPEATED_SLASHES.matcher(requestPath).replaceAll("/");
        for (LiveApiMethod m : values()) {
            if (m.anyVersion.matcher(canonical).matches()) {
                return Optional.of(m);
            }
        }
        return Optional.empty();
    }
}
