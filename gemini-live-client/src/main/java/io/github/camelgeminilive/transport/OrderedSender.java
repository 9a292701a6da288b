package io.github.camelgeminilive.transport;

import java.util.Queue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicIntegerFieldUpdater;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;

import jakarta.websocket.CloseReason;

/**
 * Puts the frames of one connection on the wire one at a time, in the order they were queued: each write starts
 * when the previous one completed, so a failed write fails its own future and nothing behind it is written out of
 * turn. A write that completes inline does not recurse (the loop carries on), so long queues cannot overflow the
 * stack. The frames held (queued or being written) are bounded in bytes: a send that would pass the bound fails at
 * once, is not queued (the accepted frames keep their order) and is counted.
 */
final class OrderedSender {

    private static final int IN_FLIGHT = 0;
    private static final int RETURNED = 1;
    private static final int COMPLETED = 2;
    private static final AtomicIntegerFieldUpdater<Frame> STATE =
            AtomicIntegerFieldUpdater.newUpdater(Frame.class, "state");

    /** Starts writing one text frame and calls {@code done} once, with null or the failure. */
    interface FrameWriter {
        void write(byte[] utf8, Consumer<Throwable> done);
    }

    private final FrameWriter writer;
    private final Consumer<CloseReason> closer;
    private final Queue<Frame> queue = new ConcurrentLinkedQueue<>();
    private final AtomicBoolean writing = new AtomicBoolean();
    private final long maxHeldBytes;
    private final AtomicLong heldBytes = new AtomicLong();
    private final AtomicLong refused = new AtomicLong();
    private volatile boolean closing;
    private volatile RuntimeException failure;

    /**
     * A text frame, or the close frame when {@code close} is set; the writer's callback of its one write, which
     * also says whether that write completed before {@link FrameWriter#write} returned (one object per frame).
     */
    private final class Frame implements Consumer<Throwable> {

        final byte[] utf8;
        final CloseReason close;
        final Consumer<Throwable> done;
        /** {@link #IN_FLIGHT}, then {@link #RETURNED} or {@link #COMPLETED}, whichever comes first. */
        volatile int state;

        Frame(byte[] utf8, CloseReason close, Consumer<Throwable> done) {
            this.utf8 = utf8;
            this.close = close;
            this.done = done;
        }

        @Override
        public void accept(Throwable error) {
            finish(this, error == null ? null : new TransportException("WebSocket write failed: " + error, error));
            if (!STATE.compareAndSet(this, IN_FLIGHT, COMPLETED)) {
                writing.set(false);
                pump(); // the write completed after it returned: carry on here
            }
        }
    }

    /** @param maxHeldBytes bytes of frames queued or being written at most */
    OrderedSender(FrameWriter writer, Consumer<CloseReason> closer, long maxHeldBytes) {
        this.writer = writer;
        this.closer = closer;
        this.maxHeldBytes = maxHeldBytes;
    }

    CompletableFuture<Void> send(byte[] utf8) {
        CompletableFuture<Void> done = new CompletableFuture<>();
        Throwable notQueued = queue(utf8, error -> {
            if (error == null) {
                done.complete(null);
            } else {
                done.completeExceptionally(error);
            }
        });
        if (notQueued != null) {
            done.completeExceptionally(notQueued);
        }
        return done;
    }

    /**
     * Queues a frame; {@code done} hears once how its write ended. Returns why the frame was not queued (closing,
     * or refused at the bound), and then never calls {@code done}.
     */
    TransportException queue(byte[] utf8, Consumer<Throwable> done) {
        if (closing) {
            return new TransportException("WebSocket connection is closing", failure);
        }
        if (!hold(utf8.length)) {
            refused.incrementAndGet();
            return new SendRefusedException("Send refused: a frame of " + utf8.length
                    + " bytes would take the connection's outgoing queue (" + heldBytes.get() + " bytes held) over"
                    + " its bound of " + maxHeldBytes + " bytes (maxOutgoingBytes)");
        }
        queue.add(new Frame(utf8, null, done));
        pump();
        return null;
    }

    private boolean hold(int bytes) {
        for (long held = heldBytes.get(); held + bytes <= maxHeldBytes; held = heldBytes.get()) {
            if (heldBytes.compareAndSet(held, held + bytes)) {
                return true;
            }
        }
        return false;
    }

    /** Sends refused because the outgoing queue was at its bound. */
    long refusedSends() {
        return refused.get();
    }

    /** Completes a frame; a text frame no longer counts against the bound. */
    private void finish(Frame frame, Throwable error) {
        if (frame.close == null) {
            heldBytes.addAndGet(-frame.utf8.length);
        }
        frame.done.accept(error);
    }

    /** Queues the close frame behind everything queued so far; later sends fail. */
    void close(CloseReason reason) {
        closing = true;
        queue.add(new Frame(null, reason, error -> {}));
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
            finish(f, error);
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
                finish(frame, failure);
                writing.set(false);
                continue;
            }
            if (frame.close != null) {
                closer.accept(frame.close);
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
        try {
            writer.write(frame.utf8, frame);
        } catch (RuntimeException e) {
            finish(frame, new TransportException("WebSocket write failed: " + e, e));
            return true;
        }
        return !STATE.compareAndSet(frame, IN_FLIGHT, RETURNED);
    }
}
