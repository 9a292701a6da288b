package io.github.camelgeminilive.component;

import java.io.IOException;
import java.io.InterruptedIOException;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.function.Function;

/**
 * Sends the messages of a stream after its first, reading the next one only while fewer than {@value #SIZE} are
 * in flight (written to the session's queue but not yet on the wire): what a stream of any length holds in memory.
 * Runs on the caller's thread, which it blocks while the window is full.
 */
final class SendWindow {

    /** Messages in flight at most. */
    static final int SIZE = 8;

    private SendWindow() {
    }

    /**
     * Sends what follows {@code first} through {@code hand}; completes when all are written, or fails with the first
     * failure in send order (a read failure counts after the sends before it). Nothing is sent after a failure.
     */
    static CompletableFuture<Void> rest(CompletableFuture<Void> first, Outgoing.Source messages,
            Function<Outgoing, CompletableFuture<Void>> hand) {
        Outgoing next;
        try {
            next = first.isCompletedExceptionally() ? null : messages.next();
        } catch (IOException | RuntimeException e) {
            return first.thenCompose(v -> CompletableFuture.failedFuture(e));
        }
        if (next == null) {
            return first; // the usual case: one message
        }
        Deque<CompletableFuture<Void>> inFlight = new ArrayDeque<>(SIZE);
        inFlight.add(first);
        Throwable failure = null;
        try {
            for (Outgoing m = next; m != null && awaitRoom(inFlight); m = messages.next()) {
                inFlight.add(hand.apply(m));
            }
        } catch (IOException | RuntimeException e) {
            failure = e;
        }
        Throwable readFailure = failure;
        CompletableFuture<Void> result = new CompletableFuture<>();
        CompletableFuture.allOf(inFlight.toArray(CompletableFuture[]::new)).whenComplete((v, e) -> {
            Throwable firstFailure = readFailure;
            for (CompletableFuture<Void> f : inFlight) { // in send order: what failed first
                if (f.isCompletedExceptionally()) {
                    firstFailure = SharedLiveSession.unwrap(f.handle((x, t) -> t).join());
                    break;
                }
            }
            if (firstFailure == null) {
                result.complete(null);
            } else {
                result.completeExceptionally(firstFailure);
            }
        });
        return result;
    }

    /**
     * Waits until fewer than {@value #SIZE} messages are in flight, dropping the written ones from the head; false
     * when one in flight failed.
     */
    private static boolean awaitRoom(Deque<CompletableFuture<Void>> inFlight) throws InterruptedIOException {
        while (true) {
            for (CompletableFuture<Void> f : inFlight) {
                if (f.isCompletedExceptionally()) {
                    return false;
                }
            }
            CompletableFuture<Void> oldest = inFlight.peekFirst();
            if (oldest == null) {
                return true;
            }
            if (oldest.isDone()) {
                inFlight.removeFirst();
            } else if (inFlight.size() < SIZE) {
                return true;
            } else {
                try {
                    oldest.get();
                } catch (ExecutionException e) {
                    // seen by the check above
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new InterruptedIOException("Interrupted while streaming the InputStream body");
                }
            }
        }
    }
}
