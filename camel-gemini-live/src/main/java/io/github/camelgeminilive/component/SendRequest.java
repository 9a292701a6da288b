package io.github.camelgeminilive.component;

/**
 * What a producer exchange asks for: the operation and the message(s) it sends on the session.
 *
 * @param operation the resolved operation
 * @param messages  the messages, in order (one, or the frames of an InputStream body); null for {@code close}
 */
record SendRequest(GeminiLiveOperation operation, Outgoing.Source messages) {
}
