package io.github.camelgeminilive.websocket;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.xnio.IoUtils;

import io.github.camelgeminilive.ordered.OrderedInbox;
import io.undertow.websockets.core.AbstractReceiveListener;
import io.undertow.websockets.core.BufferedBinaryMessage;
import io.undertow.websockets.core.CloseMessage;
import io.undertow.websockets.core.StreamSourceFrameChannel;
import io.undertow.websockets.core.WebSocketCallback;
import io.undertow.websockets.core.WebSocketChannel;
import io.undertow.websockets.core.WebSocketMessages;
import io.undertow.websockets.core.WebSockets;

/**
 * One peer's WebSocket connection: reads its messages (bounded in size) into the consumer's ordered inbox, writes
 * through its outbox, closes it for the idle time, overflow or the consumer's stop, and reports its close once.
 */
final class WebsocketConnection {

    private static final Logger LOG = LoggerFactory.getLogger(WebsocketConnection.class);
    /** RFC 6455: a close reason is at most 123 bytes of UTF-8. */
    private static final int MAX_REASON_BYTES = 123;
    static final int NORMAL = 1000;
    static final int GOING_AWAY = 1001;
    static final int NO_STATUS = 1005;
    static final int ABNORMAL = 1006;
    static final int TOO_BIG = 1009;
    static final int INTERNAL_ERROR = 1011;

    private final String key = UUID.randomUUID().toString();
    private final GeminiLiveWebsocketConsumer consumer;
    private final WebSocketChannel channel;
    /** Its events on their way to the route: messages are the frames, bounded by maxBacklog. */
    private final OrderedInbox<InboundEvent> inbox;
    private final ConnectionOutbox outbox;
    private final int maxMessageSize;
    private final long idleNanos;
    private final long closeTimeoutNanos;
    private final CompletableFuture<Void> closed = new CompletableFuture<>();
    /** The first close code and reason: ours (sent) or the peer's (received), whichever came first. */
    private Integer closeCode;
    private String closeReason;
    private volatile long lastReceived = System.nanoTime();
    private volatile boolean overflowed;
    /** Guarded by the inbox: the close event is queued. */
    private boolean ended;

    WebsocketConnection(GeminiLiveWebsocketConsumer consumer, WebSocketChannel channel) {
        GeminiLiveWebsocketEndpoint endpoint = consumer.getEndpoint();
        this.consumer = consumer;
        this.channel = channel;
        this.inbox = new OrderedInbox<>(endpoint.getComponent().workers(),
                (event, done) -> consumer.deliver(this, event, done), endpoint.getMaxInFlight(),
                event -> event.type() == GeminiLiveWebsocketEvent.MESSAGE, endpoint.getMaxBacklog(),
                endpoint.stopDropsCounter());
        this.outbox = new ConnectionOutbox(channel, endpoint.getMaxOutgoing());
        this.maxMessageSize = endpoint.getMaxMessageSize();
        this.idleNanos = endpoint.getIdleTimeout().toNanos();
        this.closeTimeoutNanos = endpoint.getCloseTimeout().toNanos();
    }

    /**
     * The close codes RFC 6455 lets an endpoint send, less 1012-1014 (registered later): Undertow refuses those in
     * the peer's answering close frame.
     */
    static boolean isSendableCloseCode(int code) {
        return code >= 1000 && code <= 1003 || code >= 1007 && code <= 1011 || code >= 3000 && code <= 4999;
    }

    String key() {
        return key;
    }

    /** Starts reading, after the open event is queued so it comes first. */
    void open(RequestInfo request) {
        channel.getReceiveSetter().set(new Receiver());
        toRoute(new InboundEvent(GeminiLiveWebsocketEvent.OPEN, request, 0, null));
        channel.addCloseTask(ch -> onChannelClosed());
        if (!channel.isOpen()) {
            // gone before the task was added, which then never runs (a second report is ignored)
            onChannelClosed();
            return;
        }
        channel.resumeReceives();
        if (idleNanos > 0) {
            scheduleIdleCheck(idleNanos);
        }
    }

    /** Writes a String (text) or ByteBuffer (binary) frame after those sent before; {@code done} gets the outcome. */
    void send(Object payload, Consumer<Throwable> done) {
        outbox.send(payload, done);
    }

    /**
     * Closes with {@code code}: after the frames already queued, or ({@code now}) instead of them. The peer has
     * {@code closeTimeout} to answer before the socket is cut.
     */
    void close(int code, String reason, boolean now, Consumer<Throwable> done) {
        String r = truncate(reason);
        outbox.close(code, r, now, error -> {
            done.accept(error);
            if (error == null) {
                recordClose(code, r);
                cutLater();
            } else if (!(error instanceof GeminiLiveWebsocketException)) {
                // the close frame could not be written: nothing more will be; a refusal instead means a close is
                // already under way (or the channel is gone) and is left to finish
                IoUtils.safeClose(channel);
            }
        });
    }

    /** Completes once the channel closed and the close event is queued. */
    CompletableFuture<Void> closed() {
        return closed;
    }

    private synchronized void recordClose(int code, String reason) {
        if (closeCode == null) {
            closeCode = code;
            closeReason = reason;
        }
    }

    private void cutLater() {
        channel.getIoThread().executeAfter(() -> IoUtils.safeClose(channel), closeTimeoutNanos,
                TimeUnit.NANOSECONDS);
    }

    /** Reports the close once: the channel's close task, or {@link #open} when the channel closed before it. */
    private void onChannelClosed() {
        outbox.gone("the connection is closed");
        int code;
        String reason;
        synchronized (this) {
            code = closeCode == null ? ABNORMAL : closeCode;
            reason = closeReason == null ? "" : closeReason;
        }
        consumer.connectionClosed(this);
        toRoute(new InboundEvent(GeminiLiveWebsocketEvent.CLOSE, null, code, reason));
        closed.complete(null);
    }

    /**
     * Queues an event for the route; false (nothing queued) when it is a message and {@code maxBacklog} already wait.
     * The close event is the last: anything offered after it (such as a read error of the closed channel) is ignored.
     */
    private boolean toRoute(InboundEvent event) {
        synchronized (inbox) {
            if (ended) {
                return true;
            }
            ended = event.type() == GeminiLiveWebsocketEvent.CLOSE;
            return inbox.offer(event);
        }
    }

    private void received(Object body) {
        lastReceived = System.nanoTime();
        if (!toRoute(InboundEvent.message(body))) {
            consumer.getEndpoint().backlogOverflowsCounter().incrementAndGet();
            if (!overflowed) {
                // the first message dropped closes the connection; any arriving before the peer reads the close are
                // dropped and counted too
                overflowed = true;
                LOG.warn("Connection {} closed with 1011: {} messages wait for the route (maxBacklog)", key,
                        consumer.getEndpoint().getMaxBacklog());
                close(INTERNAL_ERROR, "backlog overflow: the server cannot keep up", true, error -> {
                });
            }
        }
    }

    private void scheduleIdleCheck(long delayNanos) {
        channel.getIoThread().executeAfter(() -> {
            if (!channel.isOpen()) {
                return;
            }
            long quiet = System.nanoTime() - lastReceived;
            if (quiet >= idleNanos) {
                consumer.getEndpoint().idleClosesCounter().incrementAndGet();
                close(NORMAL, "idle timeout", false, error -> {
                });
            } else {
                scheduleIdleCheck(idleNanos - quiet);
            }
        }, delayNanos, TimeUnit.NANOSECONDS);
    }

    private static String truncate(String reason) {
        String r = reason == null ? "" : reason;
        if (r.getBytes(StandardCharsets.UTF_8).length <= MAX_REASON_BYTES) {
            return r;
        }
        int end = r.length();
        while (r.substring(0, end).getBytes(StandardCharsets.UTF_8).length > MAX_REASON_BYTES) {
            end--;
        }
        return r.substring(0, end);
    }

    /** The message's bytes; its pooled buffers are freed. */
    private static byte[] bytes(BufferedBinaryMessage message) {
        try (var data = message.getData()) {
            ByteBuffer[] buffers = data.getResource();
            ByteBuffer whole = buffers.length == 1 ? buffers[0] : WebSockets.mergeBuffers(buffers);
            byte[] bytes = new byte[whole.remaining()];
            whole.get(bytes);
            return bytes;
        }
    }

    /** Undertow's callbacks, on the connection's I/O thread: whole messages to the inbox, nothing more. */
    private final class Receiver extends AbstractReceiveListener {

        @Override
        protected long getMaxBinaryBufferSize() {
            return maxMessageSize;
        }

        /**
         * A text message is read as bytes and decoded at once: Undertow's text reader appends it to a StringBuilder
         * byte by byte, a large share of the I/O thread's time at 50 messages a second per call. The frame channel
         * has checked the UTF-8 already (1007 otherwise), and the size limit counts the same bytes.
         */
        @Override
        protected void onText(WebSocketChannel ch, StreamSourceFrameChannel frames) {
            BufferedBinaryMessage message = new BufferedBinaryMessage(maxMessageSize, true);
            message.read(frames, new WebSocketCallback<>() {
                @Override
                public void complete(WebSocketChannel channel, BufferedBinaryMessage whole) {
                    received(new String(bytes(whole), StandardCharsets.UTF_8));
                }

                @Override
                public void onError(WebSocketChannel channel, BufferedBinaryMessage failed, Throwable error) {
                    IoUtils.safeClose(failed.getData());
                    Receiver.this.onError(channel, error);
                }
            });
        }

        @Override
        protected void onFullBinaryMessage(WebSocketChannel ch, BufferedBinaryMessage message) {
            received(bytes(message));
        }

        /**
         * The peer's close frame. When it answers ours, the handshake is complete and the socket closes now (Undertow
         * would leave it to the peer, or to the cut after {@code closeTimeout}); when the peer began,
         * Undertow answers it and closes.
         */
        @Override
        protected void onFullCloseMessage(WebSocketChannel ch, BufferedBinaryMessage message) throws IOException {
            boolean answer = ch.isCloseFrameSent();
            super.onFullCloseMessage(ch, message);
            if (answer) {
                IoUtils.safeClose(ch);
            }
        }

        @Override
        protected void onCloseMessage(CloseMessage message, WebSocketChannel ch) {
            recordClose(message.getCode() == 0 ? NO_STATUS : message.getCode(), message.getReason());
        }

        /**
         * A message over the size limit: Undertow has answered 1009 itself; the peer gets the close handshake's time
         * to read it. Any other read error cuts the connection at once.
         */
        @Override
        protected void onError(WebSocketChannel ch, Throwable error) {
            boolean tooBig = error instanceof IOException
                    && WebSocketMessages.MESSAGES.messageToBig(maxMessageSize).equals(error.getMessage());
            if (tooBig) {
                consumer.getEndpoint().oversizeMessagesCounter().incrementAndGet();
                recordClose(TOO_BIG, "message too big (maxMessageSize=" + maxMessageSize + " bytes)");
            }
            LOG.debug("Connection {}: read failed: {}", key, error.toString());
            toRoute(new InboundEvent(GeminiLiveWebsocketEvent.ERROR, error, 0, null));
            if (ch.isCloseFrameSent()) {
                cutLater();
            } else {
                IoUtils.safeClose(ch);
            }
        }
    }
}
