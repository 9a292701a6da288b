package io.github.camelgeminilive.session.resilience;

import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicLongFieldUpdater;

import io.github.camelgeminilive.session.LiveSessionException;
import io.github.camelgeminilive.session.ResilientSession;
import io.github.camelgeminilive.session.connection.EncodedFrame;

/**
 * A client message of a resilient session, and the caller's future (one object per send, the hot path's): it
 * completes the first time the frame is written (on whichever connection); nothing here reads its state, so a
 * caller that completes it changes nothing but its own view. Remembers where and when it was last written, so that
 * a handle's {@code lastConsumedClientMessageIndex}, or the time the handle was read, can be matched against it.
 */
final class OutboundMessage extends CompletableFuture<Void> {

    private static final AtomicLongFieldUpdater<OutboundMessage> STAMP =
            AtomicLongFieldUpdater.newUpdater(OutboundMessage.class, "writeStamp");
    /** Write times are kept relative to this, so that negative stamps can mean "being written". */
    private static final long EPOCH = System.nanoTime();

    /** Bytes of its frame, on the wire and in memory. */
    final int bytes;
    /** Audio length its frame carries, in nanoseconds. */
    final long audioNanos;
    /** Ids of the function calls it answers: those are never replayed. */
    final List<String> toolResponseIds;
    /** Its frame until its first write ({@link #release()}); guarded by the resilient session's lock. */
    private EncodedFrame frame;
    /** Where its frame's bytes start in the {@link ReplayBuffer} that holds it. */
    long replayPosition = -1;
    /** Generation of the connection it was last written on, and its index there (0-based after setup). */
    int connection;
    long index = -1;
    /** The input position it came from ({@link ResilientSession#inputPosition}); -1: none. Set under the lock. */
    long inputPosition = -1;
    /**
     * Negative: being written on connection {@code -writeStamp}, not on the socket yet; else the time (from
     * {@link #EPOCH}) its write on {@link #connection} completed. Set under the resilient session's lock, completed
     * by the write's callback, which a late callback of an earlier connection cannot overwrite.
     */
    private volatile long writeStamp;
    /** Its latest write failed, and the replay buffer forgot it: whichever happens second fails the future. */
    private volatile boolean writeFailed;
    private volatile boolean forgotten;

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

    /** It is about to be written as message {@code index} of connection {@code connection}. */
    void writing(int connection, long index) {
        this.connection = connection;
        this.index = index;
        writeStamp = -connection;
        writeFailed = false; // a failed write of it is history now: only this write's outcome counts
    }

    /** Its write on connection {@code connection} reached the socket now. */
    void written(int connection) {
        STAMP.compareAndSet(this, -connection, Math.max(0, System.nanoTime() - EPOCH));
    }

    /** Whether it was written on connection {@code connection} with an index up to {@code last}. */
    boolean upTo(int connection, long last) {
        return this.connection == connection && index <= last;
    }

    /** Whether its write on connection {@code connection} had reached the socket at {@code nanos} (nanoTime). */
    boolean writtenBy(int connection, long nanos) {
        long stamp = writeStamp;
        return this.connection == connection && stamp >= 0 && stamp <= nanos - EPOCH;
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
        completeExceptionally(new LiveSessionException("Message lost: its connection ended before it was "
                + "written and the replay buffer bound had forced it out", 0, null, cause));
    }

    boolean replayable() {
        return toolResponseIds.isEmpty();
    }
}
