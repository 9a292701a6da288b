package io.github.camelgeminilive.protocol;

/** The service's first message; the session may now exchange messages. */
public record SetupComplete(String sessionId) {
}
