package io.github.camelgeminilive.transport;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicBoolean;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.undertow.websockets.jsr.UndertowSession;
import jakarta.websocket.CloseReason;
import jakarta.websocket.Endpoint;
import jakarta.websocket.EndpointConfig;
import jakarta.websocket.MessageHandler;
import jakarta.websocket.PongMessage;
import jakarta.websocket.Session;

/** One Jakarta WebSocket client connection: routes received messages to the handler and sends in order. */
final class UndertowConnection extends Endpoint implements WebSocketConnection {

    private static final Logger LOG = LoggerFactory.getLogger(UndertowConnection.class);

    private final WebSocketHandler handler;
    private final int maxMessageBytes;
    private final AtomicBoolean closeReported = new AtomicBoolean();
    private volatile Session session;
    private volatile OrderedSender sender;
    private volatile Throwable lastError;

    UndertowConnection(WebSocketHandler handler, int maxMessageBytes) {
        this.handler = handler;
        this.maxMessageBytes = maxMessageBytes;
    }

    @Override
    public void onOpen(Session session, EndpointConfig config) {
        this.session = session;
        this.sender = new OrderedSender(session.getAsyncRemote(), this::closeSession);
        session.setMaxBinaryMessageBufferSize(maxMessageBytes);
        session.setMaxTextMessageBufferSize(maxMessageBytes);
        session.addMessageHandler(byte[].class, (MessageHandler.Whole<byte[]>) handler::onBinary);
        session.addMessageHandler(String.class, (MessageHandler.Whole<String>) handler::onText);
        session.addMessageHandler(PongMessage.class, (MessageHandler.Whole<PongMessage>) pong -> handler.onPong());
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
    public CompletableFuture<Void> sendText(String text) {
        return sender.send(text);
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
