package io.github.camelgeminilive.transport;

import java.util.Queue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;

import jakarta.websocket.CloseReason;

/**
 * Puts the frames of one connection on the wire one at a time, in the order they were queued: each write starts
 * when the previous one completed, so a failed write fails its own future and nothing behind it is written out of
 * turn. A write that completes inline does not recurse (the loop carries on), so long queues cannot overflow the
 * stack.
 */
final class OrderedSender {

    private static final int IN_FLIGHT = 0;
    private static final int RETURNED = 1;
    private static final int COMPLETED = 2;

    /** Starts writing one text frame and calls {@code done} once, with null or the failure. */
    interface FrameWriter {
        void write(byte[] utf8, Consumer<Throwable> done);
    }

    private final FrameWriter writer;
    private final Consumer<CloseReason> closer;
    private final Queue<Frame> queue = new ConcurrentLinkedQueue<>();
    private final AtomicBoolean writing = new AtomicBoolean();
    private volatile boolean closing;
    private volatile RuntimeException failure;

    /** A text frame, or the close frame when {@code close} is set. */
    private record Frame(byte[] utf8, CloseReason close, CompletableFuture<Void> done) {
    }

    OrderedSender(FrameWriter writer, Consumer<CloseReason> closer) {
        this.writer = writer;
        this.closer = closer;
    }

    CompletableFuture<Void> send(byte[] utf8) {
        CompletableFuture<Void> done = new CompletableFuture<>();
        if (closing) {
            done.completeExceptionally(new TransportException("WebSocket connection is closing", failure));
            return done;
        }
        queue.add(new Frame(utf8, null, done));
        pump();
        return done;
    }

    /** Queues the close frame behind everything queued so far; later sends fail. */
    void close(CloseReason reason) {
        closing = true;
        queue.add(new Frame(null, reason, new CompletableFuture<>()));
        pump();
    }

    boolean isClosing() {
        return closing;
    }

    /** The connection is gone: fail everything still queued, and any later send. */
    void failAll(RuntimeException error) {
        failure = error;
        closing = true;
        for (Frame f; (f = queue.poll()) != null;) {
            f.done().completeExceptionally(error);
        }
    }

    private void pump() {
        while (writing.compareAndSet(false, true)) {
            Frame frame = queue.poll();
            if (frame == null) {
                writing.set(false);
                if (queue.isEmpty()) {
                    return;
                }
                continue; // a frame was queued between poll and release: take it
            }
            if (failure != null) {
                frame.done().completeExceptionally(failure);
                writing.set(false);
                continue;
            }
            if (frame.close() != null) {
                closer.accept(frame.close());
                writing.set(false);
                continue;
            }
            if (!write(frame)) {
                return; // completes later on an I/O thread, which then carries on pumping
            }
            writing.set(false);
        }
    }

    /** Starts one write; true when it already completed on this thread. */
    private boolean write(Frame frame) {
        AtomicInteger state = new AtomicInteger(IN_FLIGHT);
        try {
            writer.write(frame.utf8(), error -> {
                if (error == null) {
                    frame.done().complete(null);
                } else {
                    frame.done().completeExceptionally(new TransportException("WebSocket write failed: " + error,
                            error));
                }
                if (!state.compareAndSet(IN_FLIGHT, COMPLETED)) {
                    writing.set(false);
                    pump();
                }
            });
        } catch (RuntimeException e) {
            frame.done().completeExceptionally(new TransportException("WebSocket write failed: " + e, e));
            return true;
        }
        return !state.compareAndSet(IN_FLIGHT, RETURNED);
    }
}
