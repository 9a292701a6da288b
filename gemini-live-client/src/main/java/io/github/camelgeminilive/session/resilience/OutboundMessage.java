package io.github.camelgeminilive.session.resilience;

import java.util.List;
import java.util.concurrent.CompletableFuture;

import io.github.camelgeminilive.session.LiveSessionException;
import io.github.camelgeminilive.session.ResilientSession;
import io.github.camelgeminilive.session.connection.EncodedFrame;

/**
 * A client message of a resilient session, and the caller's future (one object per send, the hot path's): it
 * completes the first time the frame is written (on whichever connection). A caller that completes it itself changes
 * nothing but its own view. Short-lived: what the {@link ReplayBuffer} keeps of a written message is numbers in its own
 * ring, and the message itself only until its write is known to have completed.
 */
final class OutboundMessage extends CompletableFuture<Void> {

    /** Bytes of its frame, on the wire and in memory. */
    final int bytes;
    /** Audio length its frame carries, in nanoseconds. */
    final long audioNanos;
    /** Ids of the function calls it answers: those are never replayed. */
    final List<String> toolResponseIds;
    /** Its frame until its first write ({@link #release()}); guarded by the resilient session's lock. */
    private EncodedFrame frame;
    /** Its entry in the {@link ReplayBuffer}; -1: none. Set under the lock. */
    long seq = -1;
    /** The input position it came from ({@link ResilientSession#inputPosition}); -1: none. Set under the lock. */
    long inputPosition = -1;
    /** Its latest write failed, and the replay buffer forgot it: whichever happens second fails the future. */
    private volatile boolean writeFailed;
    private volatile boolean forgotten;
    /** A handle covered it: the service has it, whatever its write's callback says. */
    private volatile boolean covered;

    OutboundMessage(EncodedFrame frame) {
        this.frame = frame;
        this.bytes = frame.utf8().length;
        this.audioNanos = frame.audioNanos();
        this.toolResponseIds = frame.toolResponseIds();
    }

    /** Its frame, for its first write; the message no longer holds it. */
    EncodedFrame release() {
        EncodedFrame f = frame;
        frame = null;
        return f;
    }

    /** It is about to be written (again): only this write's outcome counts. */
    void writing() {
        if (writeFailed) { // a volatile read, not a store (and its fence) with every frame
            writeFailed = false;
        }
    }

    void writeFailed(Throwable cause) {
        writeFailed = true;
        if (covered) {
            complete(null);
        } else if (forgotten) {
            failLost(cause);
        }
    }

    /** A handle covered it: the replay buffer let go of it, and it needs no write again. */
    void covered() {
        covered = true;
        if (writeFailed) {
            complete(null);
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
        completeExceptionally(new LiveSessionException("Message lost: its connection ended before it was "
                + "written and the replay buffer bound had forced it out", 0, null, cause));
    }

    boolean replayable() {
        return toolResponseIds.isEmpty();
    }
}
