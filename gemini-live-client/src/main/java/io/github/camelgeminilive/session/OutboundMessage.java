package io.github.camelgeminilive.session;

import java.util.concurrent.CompletableFuture;

/**
 * A client message of a resilient session and the caller's future, which completes the first time the frame is
 * written (on whichever connection). Remembers where it was last written, so that a handle's
 * {@code lastConsumedClientMessageIndex} can be matched against it.
 */
final class OutboundMessage {

    final ClientFrame frame;
    final CompletableFuture<Void> done;
    /** Generation of the connection it was last written on, and its index there (0-based after setup). */
    int connection;
    long index = -1;

    OutboundMessage(ClientFrame frame, CompletableFuture<Void> done) {
        this.frame = frame;
        this.done = done;
    }

    boolean replayable() {
        return frame.toolResponseIds().isEmpty();
    }
}
