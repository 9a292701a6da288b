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
    /** A write of it failed, and the replay buffer forgot it: whichever happens second fails the future. */
    private volatile boolean writeFailed;
    private volatile boolean forgotten;

    OutboundMessage(ClientFrame frame, CompletableFuture<Void> done) {
        this.frame = frame;
        this.done = done;
    }

    void writeFailed(Throwable cause) {
        writeFailed = true;
        if (forgotten) {
            failLost(cause);
        }
    }

    /** The replay buffer's bound forced it out: it will not be written again. */
    void forgotten() {
        forgotten = true;
        if (writeFailed) {
            failLost(null);
        }
    }

    private void failLost(Throwable cause) {
        done.completeExceptionally(new LiveSessionException("Message lost: its connection ended before it was "
                + "written and the replay buffer bound had forced it out", 0, null, cause));
    }

    boolean replayable() {
        return frame.toolResponseIds().isEmpty();
    }
}
