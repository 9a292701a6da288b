package io.github.camelgeminilive.emulator.server;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.xnio.IoUtils;
import org.xnio.Options;

import io.github.camelgeminilive.emulator.model.ConnectionContext;
import io.github.camelgeminilive.emulator.model.ModelConnection;
import io.github.camelgeminilive.emulator.model.ModelEngine;
import io.github.camelgeminilive.emulator.model.ModelScheduler;
import io.github.camelgeminilive.emulator.model.Outbound;
import io.github.camelgeminilive.protocol.GoAway;
import io.github.camelgeminilive.protocol.LiveJson;
import io.github.camelgeminilive.protocol.ServerMessage;
import io.github.camelgeminilive.protocol.SetupComplete;
import io.undertow.websockets.core.AbstractReceiveListener;
import io.undertow.websockets.core.BufferedBinaryMessage;
import io.undertow.websockets.core.CloseMessage;
import io.undertow.websockets.core.StreamSourceFrameChannel;
import io.undertow.websockets.core.WebSocketCallback;
import io.undertow.websockets.core.WebSocketChannel;
import io.undertow.websockets.core.WebSockets;

/**
 * One client WebSocket connection: validates every frame in arrival order, binds the connection to a session at
 * setup, hands the messages to the model and sends the model's messages back as binary frames. Answers pings itself
 * (so pongs can be delayed) and can be frozen into a half-open connection.
 *
 * <p>For a {@linkplain ModelEngine#nonBlocking() non-blocking} model all of this runs on the connection's I/O
 * thread, frames right in Undertow's callback and the model's timers in the I/O thread's timer queue: no thread
 * hand-off per frame in either direction. Any other model is called one message at a time on the shared worker pool.
 */
final class LiveConnection implements Outbound {

    private static final Logger LOG = LoggerFactory.getLogger(LiveConnection.class);
    private static final AtomicLong IDS = new AtomicLong();
    /** RFC 6455 section 5.5: a close frame's payload is at most 125 bytes, two of them the code. */
    static final int MAX_REASON_BYTES = 123;
    private static final long CLOSE_HANDSHAKE_SECONDS = 5;

    /**
     * Without a callback, Undertow closes the connection at once when a send is refused, and a close frame it has
     * queued but not yet written is lost (the client sees 1006). Once a close frame is sent or received (Undertow
     * itself sends 1009 for an oversized message, on the I/O thread, while the model may still be answering), a
     * refused send is dropped and the handshake goes on (a real write error has closed the socket already, and the
     * handshake timer ends the rest); before that, any failure closes the connection.
     */
    private static final WebSocketCallback<Void> SEND_FAILURE = new WebSocketCallback<>() {
        @Override
        public void complete(WebSocketChannel ch, Void context) {
            // nothing to do: Undertow frees the frame
        }

        @Override
        public void onError(WebSocketChannel ch, Void context, Throwable error) {
            if (ch.isCloseFrameSent() || ch.isCloseFrameReceived()) {
                LOG.debug("A frame after the close frame was not sent: {}", error.toString());
            } else {
                IoUtils.safeClose(ch);
            }
        }
    };

    private final String id = "c" + IDS.incrementAndGet();
    private final WebSocketChannel channel;
    private final LiveServices services;
    /** Runs model work in order: the I/O thread itself, or a serial queue on the worker pool. */
    private final Executor inbox;
    /** Frames are handled in Undertow's callback on the I/O thread, not queued. */
    private final boolean inline;
    private final ModelScheduler modelScheduler;
    private final ConnectionCounters counters = new ConnectionCounters();
    private final Object sendLock = new Object();
    private final AtomicBoolean open = new AtomicBoolean(true);
    private final CompletableFuture<Void> channelClosed = new CompletableFuture<>();
    private volatile EmulatedSession session;
    private volatile AudioLedger ledger;
    private volatile boolean frozen;
    /** The digest of the connection's key, for the session quota. */
    private volatile String quotaKey;
    private final AtomicBoolean holdsQuota = new AtomicBoolean();

    // touched only by tasks of the inbox, which run one at a time
    private AcceptedSetup setup;
    // volatile: a stopping server may run the disconnect on another thread once the I/O thread is gone
    private volatile ModelConnection model;
    private long nextIndex;

    LiveConnection(WebSocketChannel channel, LiveServices services) {
        this.channel = channel;
        this.services = services;
        this.inline = services.engine().nonBlocking();
        this.inbox = inline ? channel.getIoThread() : new SerialTasks(channel.getWorker());
        this.modelScheduler = inline ? new IoThreadScheduler(channel.getIoThread())
                : ModelScheduler.of(services.scheduler());
    }

    String id() {
        return id;
    }

    ConnectionCounters counters() {
        return counters;
    }

    /** The session state's audio as of this connection's messages; null before setup bound a session. */
    AudioLedger ledger() {
        return ledger;
    }

    boolean isFrozen() {
        return frozen;
    }

    /** The connection's credential was accepted; its sessions count against that key's quota. */
    void authenticated(String credential) {
        quotaKey = SessionQuota.keyOf(credential);
    }

    /**
     * Starts reading frames, after the setup delay when there is one (the client waits that much longer for
     * {@code setupComplete}, as behind a slow handshake): only for a connection whose credential was accepted.
     */
    void start() {
        register();
        channel.getReceiveSetter().set(new Receiver());
        Duration delay = services.connections().setupDelay();
        if (delay.isZero()) {
            channel.resumeReceives();
        } else {
            schedule(() -> channel.getIoThread().execute(channel::resumeReceives), delay);
        }
    }

    /**
     * Refuses the connection with a close frame (1008, as the real service reports a bad credential after the
     * upgrade) without ever reading from it: whatever the client sends is left unread until the close handshake's
     * time is up and the connection is cut, so an unauthenticated client cannot make the emulator buffer anything.
     */
    void refuse(String reason) {
        register();
        close(ProtocolViolation.POLICY, reason);
    }

    private void register() {
        services.connections().accepted(this);
        channel.addCloseTask(c -> {
            markGone();
            services.connections().closed(this);
            channelClosed.complete(null);
        });
    }

    @Override
    public void send(ServerMessage message) {
        if (open.get() && !frozen) {
            sendFrame(LiveJson.get().writeBytes(message));
        }
    }

    @Override
    public void send(ServerMessage message, byte[] json) {
        if (open.get() && !frozen) {
            sendFrame(json);
        }
    }

    private void sendFrame(byte[] json) {
        // wrapped, not copied: Undertow only reads the buffer, so a shared encoded chunk stays intact
        ByteBuffer frame = ByteBuffer.wrap(json);
        // the lock makes the frame order the call order even when the model sends from several threads
        synchronized (sendLock) {
            if (open.get()) {
                WebSockets.sendBinary(frame, channel, SEND_FAILURE);
            }
        }
    }

    /** Closes with a close frame; a frozen connection hangs instead, as a stuck server would. */
    @Override
    public void close(int code, String reason) {
        if (frozen) {
            LOG.debug("Connection {} is frozen: not closing it with {}", id, code);
            return;
        }
        if (markGone()) {
            LOG.debug("Connection {} closing with {}: {}", id, code, reason);
            synchronized (sendLock) {
                WebSockets.sendClose(code, truncate(reason), channel, SEND_FAILURE);
            }
            cutAfterCloseHandshake();
        }
    }

    /** A client that never answers the close frame (or is not read any more) must not keep the socket forever. */
    private void cutAfterCloseHandshake() {
        schedule(() -> IoUtils.safeClose(channel), Duration.ofSeconds(CLOSE_HANDSHAKE_SECONDS));
    }

    /** Completes when the underlying channel is closed (after the close handshake, a drop or a failure). */
    CompletableFuture<Void> channelClosed() {
        return channelClosed;
    }

    @Override
    public void drop() {
        if (markGone()) {
            LOG.debug("Connection {} dropped", id);
            cut();
        }
    }

    /** Cuts the TCP connection without a close frame, even when a close handshake is already under way. */
    void abort() {
        markGone();
        cut();
    }

    /**
     * Makes the connection half-open: frames are no longer read (nor pings answered) and nothing is sent, while the
     * TCP connection stays up. Only a drop, the emulator's stop or a resume of its session ends it.
     */
    void freeze() {
        if (!frozen) {
            LOG.debug("Connection {} frozen", id);
            frozen = true;
            channel.getIoThread().execute(channel::suspendReceives);
        }
    }

    private void cut() {
        try {
            channel.setOption(Options.CLOSE_ABORT, true);
        } catch (IOException | IllegalArgumentException e) {
            LOG.debug("Connection {}: no abortive close, closing the socket plainly", id, e);
        }
        IoUtils.safeClose(channel);
    }

    @Override
    public boolean isOpen() {
        return open.get();
    }

    /** Sends {@code goAway} now and closes normally (1000) when {@code timeLeft} has run out. */
    void goAway(Duration timeLeft) {
        send(ServerMessage.of(new GoAway(timeLeft)));
        schedule(() -> close(1000, "connection lifetime ended after goAway"), timeLeft);
    }

    private void schedule(Runnable task, Duration delay) {
        try {
            services.scheduler().schedule(task, Math.max(0, delay.toMillis()), TimeUnit.MILLISECONDS);
        } catch (RejectedExecutionException e) {
            // the server is stopping and closes every connection itself
            LOG.debug("Connection {}: server stopping, timer not scheduled", id);
        }
    }

    private void receive(byte[] frame) {
        if (inline) {
            process(frame);
        } else {
            inbox.execute(() -> process(frame));
        }
    }

    private void process(byte[] frame) {
        if (!open.get() || frozen) {
            return;
        }
        try {
            InboundFrame message = InboundFrame.parse(frame);
            if (setup == null) {
                acceptSetup(message);
            } else if (InboundFrame.SETUP.equals(message.field())) {
                throw ProtocolViolation.invalid("setup may be sent only once per connection");
            } else {
                ValidatedMessage valid = MessageValidator.validate(message, setup.rules());
                long index = nextIndex++;
                counters.record(valid);
                ledger.record(index, valid.audioSamples());
                model.onClientMessage(valid.message(), index);
            }
        } catch (ProtocolViolation v) {
            close(v.code(), v.reason());
        } catch (RuntimeException | LinkageError | AssertionError e) {
            // a broken model or classpath must end the connection visibly, never leave the client waiting
            LOG.warn("Connection {}: internal error handling a client message", id, e);
            close(ProtocolViolation.INTERNAL, "Internal error encountered.");
        }
    }

    private void acceptSetup(InboundFrame message) throws ProtocolViolation {
        if (!InboundFrame.SETUP.equals(message.field())) {
            throw ProtocolViolation.invalid("setup must be the first message of a connection; got "
                    + message.field());
        }
        AcceptedSetup accepted = services.setups().validate(message);
        SessionQuota quota = services.directory().quota();
        if (!quota.tryAcquire(quotaKey)) {
            throw quota.refusal();
        }
        holdsQuota.set(true);
        EmulatedSession bound;
        try {
            bound = bind(accepted);
        } catch (ProtocolViolation e) {
            releaseQuota();
            throw e;
        }
        session = bound;
        if (!open.get()) {
            // the client went away while we bound the session; markGone may not have seen it
            bound.detach(this);
            releaseQuota();
            return;
        }
        setup = accepted;
        bound.setupCompleted();
        send(ServerMessage.of(new SetupComplete(bound.sessionId())));
        model = services.engine().attach(new ConnectionContext(accepted.setup(), accepted.rules(),
                bound.stateFor(this), this, modelScheduler, services.settings()));
        LOG.debug("Connection {} set up session {} ({})", id, bound.sessionId(), accepted.rules().family());
    }

    private EmulatedSession bind(AcceptedSetup accepted) throws ProtocolViolation {
        String model = accepted.setup().model();
        if (accepted.resumptionHandle() == null) {
            EmulatedSession created = services.directory().create(model);
            ledger = new AudioLedger(0);
            created.attach(this);
            return created;
        }
        SessionDirectory.ResumePoint point = services.directory().resumePoint(accepted.resumptionHandle())
                .orElseThrow(() -> ProtocolViolation.invalid(SessionDirectory.UNKNOWN_HANDLE));
        EmulatedSession resumed = point.session();
        if (!resumed.model().equals(model)) {
            throw ProtocolViolation.invalid("A resumed session cannot change its model (was " + resumed.model()
                    + ", setup names " + model + ")");
        }
        ledger = new AudioLedger(point.snapshot().audioSamplesInState());
        if (!resumed.resume(this, point.snapshot())) {
            throw new ProtocolViolation(ProtocolViolation.INTERNAL, "Session " + resumed.sessionId()
                    + " still has an open connection; close it before resuming");
        }
        return resumed;
    }

    /** Marks the connection gone once: frees the session for a resume and tells the model, after its queue. */
    private boolean markGone() {
        if (!open.compareAndSet(true, false)) {
            return false;
        }
        EmulatedSession s = session;
        if (s != null) {
            s.detach(this);
        }
        releaseQuota();
        Runnable disconnect = () -> {
            ModelConnection m = model;
            if (m != null) {
                m.onDisconnect();
            }
        };
        try {
            inbox.execute(disconnect);
        } catch (RejectedExecutionException e) {
            // the I/O thread is gone (the server is stopping): nothing else runs the model any more
            disconnect.run();
        }
        return true;
    }

    /** Gives the session's place in the quota back, once. */
    private void releaseQuota() {
        if (holdsQuota.compareAndSet(true, false)) {
            services.directory().quota().release(quotaKey);
        }
    }

    private void pong(byte[] payload) {
        synchronized (sendLock) {
            if (open.get() && !frozen) {
                WebSockets.sendPong(ByteBuffer.wrap(payload), channel, SEND_FAILURE);
            }
        }
    }

    private static String truncate(String reason) {
        String r = reason == null ? "" : reason;
        byte[] bytes = r.getBytes(StandardCharsets.UTF_8);
        if (bytes.length <= MAX_REASON_BYTES) {
            return r;
        }
        int end = r.length();
        while (r.substring(0, end).getBytes(StandardCharsets.UTF_8).length > MAX_REASON_BYTES) {
            end--;
        }
        return r.substring(0, end);
    }

    /** Undertow's callbacks, on the connection's I/O thread: hand each frame to the inbox, nothing more. */
    private final class Receiver extends AbstractReceiveListener {

        /**
         * A text frame's bytes as they came (Undertow has checked they are UTF-8): no decoding to a {@code String}
         * and encoding back, the JSON parser reads the bytes.
         */
        @Override
        protected void onText(WebSocketChannel ch, StreamSourceFrameChannel frame) {
            new BufferedBinaryMessage(getMaxTextBufferSize(), true).read(frame,
                    new WebSocketCallback<BufferedBinaryMessage>() {
                        @Override
                        public void complete(WebSocketChannel c, BufferedBinaryMessage message) {
                            receive(bytes(message));
                        }

                        @Override
                        public void onError(WebSocketChannel c, BufferedBinaryMessage message, Throwable t) {
                            Receiver.this.onError(c, t);
                        }
                    });
        }

        /**
         * Undertow stops buffering a message at this size, answers 1009 (message too big) and reports an error:
         * see {@link #onError}.
         */
        @Override
        protected long getMaxTextBufferSize() {
            return services.maxMessageBytes();
        }

        @Override
        protected long getMaxBinaryBufferSize() {
            return services.maxMessageBytes();
        }

        /**
         * A frame Undertow refused with a close frame of its own (such as a message over the size limit: 1009) is
         * left unread, and the client gets the close handshake's time to read that close before the connection is
         * cut. Any other read error cuts it at once.
         */
        @Override
        protected void onError(WebSocketChannel ch, Throwable error) {
            LOG.debug("Connection {}: read failed: {}", id, error.toString());
            if (ch.isCloseFrameSent()) {
                markGone();
                cutAfterCloseHandshake();
            } else {
                abort();
            }
        }

        @Override
        protected void onFullBinaryMessage(WebSocketChannel ch, BufferedBinaryMessage message) {
            receive(bytes(message));
        }

        /** Instead of Undertow's immediate pong: the pong delay and a freeze apply. */
        @Override
        protected void onFullPingMessage(WebSocketChannel ch, BufferedBinaryMessage message) {
            byte[] payload = bytes(message);
            Duration delay = services.connections().pongDelay();
            if (delay.isZero()) {
                pong(payload);
            } else {
                schedule(() -> pong(payload), delay);
            }
        }

        @Override
        protected void onCloseMessage(CloseMessage message, WebSocketChannel ch) {
            // before Undertow echoes the close: once the client sees its close completed, a resume must succeed
            markGone();
        }

        /** Copies a buffered message out and frees its pooled buffers. */
        private static byte[] bytes(BufferedBinaryMessage message) {
            try (var data = message.getData()) {
                ByteBuffer[] buffers = data.getResource();
                ByteBuffer whole = buffers.length == 1 ? buffers[0] : WebSockets.mergeBuffers(buffers);
                byte[] bytes = new byte[whole.remaining()];
                whole.get(bytes);
                return bytes;
            }
        }
    }
}
