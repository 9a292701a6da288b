package io.github.camelgeminilive.websocket;

import java.nio.ByteBuffer;
import java.util.ArrayDeque;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;

import io.undertow.websockets.core.WebSocketCallback;
import io.undertow.websockets.core.WebSocketChannel;
import io.undertow.websockets.core.WebSockets;

/**
 * The frames written to one connection: on the wire one at a time, in the order sent, never blocking the sender;
 * bounded. Each write reports its outcome (null, or why it failed) once the frame is written or cannot be.
 */
final class ConnectionOutbox {

    /** One frame: a String (text), a ByteBuffer (binary) or a close. */
    private record Frame(Object payload, int closeCode, String closeReason, Consumer<Throwable> done) {
    }

    private final WebSocketChannel channel;
    private final int maxFrames;
    private final ArrayDeque<Frame> queue = new ArrayDeque<>();
    /** Guarded by this: a frame is on its way; the one who sets it writes until the queue is empty. */
    private boolean writing;
    /** Guarded by this: the close frame is queued or sent, or the channel is gone; nothing more is accepted. */
    private String refusal;

    ConnectionOutbox(WebSocketChannel channel, int maxFrames) {
        this.channel = channel;
        this.maxFrames = maxFrames;
    }

    /** Queues a text ({@code String}) or binary ({@code ByteBuffer}) frame. */
    void send(Object payload, Consumer<Throwable> done) {
        offer(new Frame(payload, 0, null, done), false);
    }

    /**
     * Queues a close frame after the frames already queued ({@code now}: instead of them, which fail), and refuses
     * any later frame.
     */
    void close(int code, String reason, boolean now, Consumer<Throwable> done) {
        offer(new Frame(null, code, reason, done), now);
    }

    /** The channel is gone: what waits fails with {@code why}. */
    void gone(String why) {
        failQueued(why, true);
    }

    private void offer(Frame frame, boolean dropQueued) {
        String refused;
        boolean start = false;
        synchronized (this) {
            refused = refusal;
            if (refused == null) {
                if (dropQueued) {
                    failQueued("the connection is being closed", false);
                }
                if (frame.payload() == null) {
                    refusal = "the connection is being closed";
                    queue.add(frame);
                } else if (queue.size() >= maxFrames) {
                    refused = "its outgoing queue is full (maxOutgoing=" + maxFrames + " frames)";
                } else {
                    queue.add(frame);
                }
                if (refused == null && !writing) {
                    writing = true;
                    start = true;
                }
            }
        }
        if (refused != null) {
            frame.done().accept(new GeminiLiveWebsocketException("Cannot write to the connection: " + refused));
        } else if (start) {
            pump();
        }
    }

    private void failQueued(String why, boolean refuseLater) {
        ArrayDeque<Frame> failed;
        synchronized (this) {
            if (refuseLater) {
                refusal = why;
            }
            failed = new ArrayDeque<>(queue);
            queue.clear();
        }
        GeminiLiveWebsocketException e = new GeminiLiveWebsocketException("Not written: " + why);
        failed.forEach(f -> f.done().accept(e));
    }

    /**
     * Writes queued frames until none is left. A write that completes at once continues the loop here; one that
     * completes later continues from its callback, so the stack stays flat either way.
     */
    private void pump() {
        while (true) {
            Frame frame;
            synchronized (this) {
                frame = queue.poll();
                if (frame == null) {
                    writing = false;
                    return;
                }
            }
            // 0: writing; 1: completed before write() returned; 2: write() returned first
            AtomicInteger state = new AtomicInteger();
            write(frame, error -> {
                frame.done().accept(error);
                if (!state.compareAndSet(0, 1)) {
                    pump();
                }
            });
            if (state.compareAndSet(0, 2)) {
                return;
            }
        }
    }

    private void write(Frame frame, Consumer<Throwable> done) {
        WebSocketCallback<Void> callback = new WebSocketCallback<>() {
            @Override
            public void complete(WebSocketChannel ch, Void context) {
                done.accept(null);
            }

            @Override
            public void onError(WebSocketChannel ch, Void context, Throwable error) {
                done.accept(error);
            }
        };
        try {
            if (frame.payload() instanceof String text) {
                WebSockets.sendText(text, channel, callback);
            } else if (frame.payload() instanceof ByteBuffer data) {
                WebSockets.sendBinary(data, channel, callback);
            } else {
                WebSockets.sendClose(frame.closeCode(), frame.closeReason(), channel, callback);
            }
        } catch (RuntimeException e) {
            done.accept(e);
        }
    }
}
