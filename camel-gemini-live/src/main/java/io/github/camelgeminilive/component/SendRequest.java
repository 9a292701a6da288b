package io.github.camelgeminilive.component;

import java.util.concurrent.CompletableFuture;
import java.util.function.Function;

/**
 * What a producer exchange asks for: the operation and the send(s) it makes on the session.
 *
 * @param operation the resolved operation
 * @param send      the send on a session; its future completes when the frame(s) are written
 */
record SendRequest(GeminiLiveOperation operation, Function<SharedLiveSession, CompletableFuture<Void>> send) {
}
