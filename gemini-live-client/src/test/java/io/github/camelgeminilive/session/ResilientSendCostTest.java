package io.github.camelgeminilive.session;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.management.ManagementFactory;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

import org.junit.jupiter.api.Test;

import io.github.camelgeminilive.testing.EmulatorClientTest;
import io.github.camelgeminilive.testing.Resilience;
import io.github.camelgeminilive.transport.ConnectionOptions;
import io.github.camelgeminilive.transport.HandshakeRequest;
import io.github.camelgeminilive.transport.UndertowTransport;
import io.github.camelgeminilive.transport.WebSocketConnection;
import io.github.camelgeminilive.transport.WebSocketHandler;
import io.github.camelgeminilive.transport.WebSocketTransport;

/**
 * What a resilient session adds to {@code sendAudio} on the caller's thread over a real connection, against a plain
 * session: the bytes the call allocates, read from the thread's own allocation counter (so neither other threads
 * nor the machine's load change it). The resilient engine keeps its per-frame bookkeeping to the message itself and
 * one write callback; it used to make three more futures and their completion links per frame (about 230 B).
 * <p>
 * The transport's own share is left out, as it is the same for both sessions but depends on a race: the caller
 * writes the frame itself when the connection's previous write has finished, else only queues it and an I/O thread
 * writes it. Which happens turns on scheduling (on a busy machine the I/O thread is often preempted between
 * completing a write and taking the next), and the two differ by some 300 B.
 */
class ResilientSendCostTest extends EmulatorClientTest {

    private static final int BATCHES = 12;
    private static final int BATCH = 500;
    /** The message (the caller's future, with its replay bookkeeping) and its write callback: about 100 B. */
    private static final long MAX_EXTRA_BYTES_PER_FRAME = 160;

    private static final com.sun.management.ThreadMXBean THREADS =
            (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();

    /** Bytes the measuring thread allocated inside the transport's send calls. */
    private long transportBytes;

    @Test
    void aResilientSendAllocatesLittleMoreThanAPlainOne() throws Exception {
        client.close(); // the base class's, for one whose transport is metered
        Thread caller = Thread.currentThread();
        ConnectionOptions options = ConnectionOptions.geminiApi(emulator.baseUrl(), () -> "key");
        client = LiveClient.create(options,
                executor -> new MeteredTransport(new UndertowTransport(options, executor), caller));
        LiveSession plain = client.connect(Resilience.session(), null, event -> {}).get(10, TimeUnit.SECONDS);
        ResilientSession resilient = client.connectResilient(Resilience.session(), ResilienceOptions.defaults(),
                event -> {}).get(10, TimeUnit.SECONDS);
        byte[] silence = new byte[640]; // 20 ms of 16 kHz PCM: the emulator hears no speech and stays quiet
        // batches taken in turns, the smallest of each kind counted: the one after the JIT settled
        long plainBytes = Long.MAX_VALUE;
        long resilientBytes = Long.MAX_VALUE;
        for (int i = 0; i < BATCHES; i++) {
            plainBytes = Math.min(plainBytes, bytesPerSend(plain, silence));
            resilientBytes = Math.min(resilientBytes, bytesPerSend(resilient, silence));
        }

        assertThat(resilientBytes - plainBytes)
                .as("bytes a resilient sendAudio allocates beyond a plain one's (%d B), per frame", plainBytes)
                .isLessThanOrEqualTo(MAX_EXTRA_BYTES_PER_FRAME);
        assertThat(resilient.metrics().framesSent()).isEqualTo((long) BATCHES * BATCH);
        plain.close();
        resilient.close();
    }

    /**
     * Sends one batch a frame at a time, each written before the next; counts only the calls themselves, less what
     * the transport allocated in them.
     */
    private long bytesPerSend(LiveSession session, byte[] frame) throws Exception {
        long allocated = 0;
        for (int i = 0; i < BATCH; i++) {
            transportBytes = 0;
            long before = THREADS.getCurrentThreadAllocatedBytes();
            CompletableFuture<Void> sent = session.sendAudio(frame, null);
            allocated += THREADS.getCurrentThreadAllocatedBytes() - before - transportBytes;
            sent.get(10, TimeUnit.SECONDS);
        }
        return allocated / BATCH;
    }

    /** The real transport, counting what the measuring thread allocates in its send calls. */
    private final class MeteredTransport implements WebSocketTransport {

        private final WebSocketTransport transport;
        private final Thread caller;

        MeteredTransport(WebSocketTransport transport, Thread caller) {
            this.transport = transport;
            this.caller = caller;
        }

        @Override
        public CompletableFuture<WebSocketConnection> connect(HandshakeRequest request, WebSocketHandler handler) {
            return transport.connect(request, handler).thenApply(MeteredConnection::new);
        }

        @Override
        public void close() {
            transport.close();
        }

        private final class MeteredConnection implements WebSocketConnection {

            private final WebSocketConnection connection;

            MeteredConnection(WebSocketConnection connection) {
                this.connection = connection;
            }

            @Override
            public CompletableFuture<Void> sendText(byte[] utf8) {
                long before = THREADS.getCurrentThreadAllocatedBytes();
                CompletableFuture<Void> sent = connection.sendText(utf8);
                count(before);
                return sent;
            }

            @Override
            public Throwable queueText(byte[] utf8, Consumer<Throwable> done) {
                long before = THREADS.getCurrentThreadAllocatedBytes();
                Throwable notQueued = connection.queueText(utf8, done);
                count(before);
                return notQueued;
            }

            private void count(long before) {
                if (Thread.currentThread() == caller) {
                    transportBytes += THREADS.getCurrentThreadAllocatedBytes() - before;
                }
            }

            @Override
            public void close(int code, String reason) {
                connection.close(code, reason);
            }

            @Override
            public void abort() {
                connection.abort();
            }

            @Override
            public boolean isOpen() {
                return connection.isOpen();
            }

            @Override
            public long refusedSends() {
                return connection.refusedSends();
            }

            @Override
            public CompletableFuture<Void> sendPing() {
                return connection.sendPing();
            }
        }
    }
}
