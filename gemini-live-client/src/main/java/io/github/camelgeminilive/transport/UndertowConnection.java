package io.github.camelgeminilive.transport;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;

import jakarta.websocket.CloseReason;
import jakarta.websocket.Endpoint;
import jakarta.websocket.EndpointConfig;
import jakarta.websocket.MessageHandler;
import jakarta.websocket.PongMessage;
import jakarta.websocket.Session;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.xnio.Options;

import io.undertow.connector.PooledByteBuffer;
import io.undertow.util.ImmediatePooledByteBuffer;
import io.undertow.websockets.core.WebSocketCallback;
import io.undertow.websockets.core.WebSocketChannel;
import io.undertow.websockets.core.WebSockets;
import io.undertow.websockets.jsr.UndertowSession;

/** One Jakarta WebSocket client connection: routes received messages to the handler and sends in order. */
final class UndertowConnection extends Endpoint implements WebSocketConnection {

    private static final Logger LOG = LoggerFactory.getLogger(UndertowConnection.class);
    /** Up to about 120 ms of 16 kHz audio per frame. */
    private static final int REUSED_BUFFER_BYTES = 8 * 1024;

    private final WebSocketHandler handler;
    private final int maxMessageBytes;
    private final long maxOutgoingBytes;
    private final AtomicBoolean closeReported = new AtomicBoolean();
    /** Reused for every frame up to its size (audio frames); used by one write at a time (the sender's order). */
    private ByteBuffer outgoing;
    private volatile Session session;
    private volatile OrderedSender sender;
    private volatile Throwable lastError;

    UndertowConnection(WebSocketHandler handler, int maxMessageBytes, long maxOutgoingBytes) {
        this.handler = handler;
        this.maxMessageBytes = maxMessageBytes;
        this.maxOutgoingBytes = maxOutgoingBytes;
    }

    @Override
    public void onOpen(Session session, EndpointConfig config) {
        this.session = session;
        WebSocketChannel channel = ((UndertowSession) session).getWebSocketChannel();
        noDelay(channel);
        this.sender = new OrderedSender((utf8, done) -> WebSockets.sendText(frameBytes(utf8), channel,
                new WebSocketCallback<Void>() {
                    @Override
                    public void complete(WebSocketChannel c, Void context) {
                        done.accept(null);
                    }

                    @Override
                    public void onError(WebSocketChannel c, Void context, Throwable error) {
                        done.accept(error);
                    }
                }), this::closeSession, maxOutgoingBytes);
        session.setMaxBinaryMessageBufferSize(maxMessageBytes);
        session.setMaxTextMessageBufferSize(maxMessageBytes);
        session.addMessageHandler(byte[].class, (MessageHandler.Whole<byte[]>) handler::onBinary);
        session.addMessageHandler(String.class, (MessageHandler.Whole<String>) handler::onText);
        session.addMessageHandler(PongMessage.class, (MessageHandler.Whole<PongMessage>) pong -> handler.onPong());
    }

    /**
     * Small frames every 20 ms are what Nagle's algorithm delays: a frame would wait for the acknowledgement of the
     * one before (up to the peer's delayed-ack timeout, 40 ms on Linux) whenever nothing flows the other way.
     */
    private static void noDelay(WebSocketChannel channel) {
        try {
            channel.setOption(Options.TCP_NODELAY, true);
        } catch (IOException | RuntimeException e) {
            LOG.debug("Cannot set TCP_NODELAY: {}", e.toString());
        }
    }

    /**
     * The frame's bytes in this connection's own outgoing buffer, or a copy when they do not fit. Frames go through
     * Undertow's own channel, not Jakarta's {@code sendText(String)}, which would turn every frame into a String and
     * back into bytes; and never as the caller's array itself, as the client masks the payload in place and a
     * resilient session may send the same frame again. One buffer is enough: {@link OrderedSender} starts a write
     * only when the one before has completed, and Undertow is done with a frame's bytes by then.
     */
    private PooledByteBuffer frameBytes(byte[] utf8) {
        if (utf8.length > REUSED_BUFFER_BYTES) {
            return new ImmediatePooledByteBuffer(ByteBuffer.wrap(utf8.clone()));
        }
        if (outgoing == null) {
            outgoing = ByteBuffer.allocate(REUSED_BUFFER_BYTES);
        }
        outgoing.clear();
        outgoing.put(utf8).flip();
        return new ImmediatePooledByteBuffer(outgoing);
    }

    @Override
    public void onError(Session session, Throwable error) {
        LOG.debug("WebSocket error: {}", error.toString());
        lastError = error;
    }

    @Override
    public void onClose(Session session, CloseReason reason) {
        if (closeReported.compareAndSet(false, true)) {
            int code = reason.getCloseCode().getCode();
            // the handler learns why first, so the failed sends below can say it
            handler.onClose(code, reason.getReasonPhrase(), lastError);
            OrderedSender s = sender;
            if (s != null) {
                s.failAll(new TransportException("WebSocket connection closed (" + code + ")", null));
            }
        }
    }

    @Override
    public CompletableFuture<Void> sendText(byte[] utf8) {
        return sender.send(utf8);
    }

    @Override
    public Throwable queueText(byte[] utf8, Consumer<Throwable> done) {
        return sender.queue(utf8, done);
    }

    @Override
    public long refusedSends() {
        OrderedSender s = sender;
        return s == null ? 0 : s.refusedSends();
    }

    @Override
    public CompletableFuture<Void> sendPing() {
        Session s = session;
        try {
            s.getAsyncRemote().sendPing(ByteBuffer.allocate(0));
            return CompletableFuture.completedFuture(null);
        } catch (IOException | RuntimeException e) {
            return CompletableFuture.failedFuture(new TransportException("WebSocket ping failed: " + e, e));
        }
    }

    @Override
    public void close(int code, String reason) {
        sender.close(new CloseReason(CloseReason.CloseCodes.getCloseCode(code), reason));
    }

    @Override
    public void abort() {
        Session s = session;
        if (s instanceof UndertowSession undertow) {
            undertow.forceClose();
        } else if (s != null) {
            closeSession(new CloseReason(CloseReason.CloseCodes.CLOSED_ABNORMALLY, "aborted"));
        }
    }

    @Override
    public boolean isOpen() {
        Session s = session;
        return s != null && s.isOpen() && !sender.isClosing();
    }

    private void closeSession(CloseReason reason) {
        try {
            session.close(reason);
        } catch (IOException | RuntimeException e) {
            LOG.debug("Closing the WebSocket failed: {}", e.toString());
        }
    }
}
