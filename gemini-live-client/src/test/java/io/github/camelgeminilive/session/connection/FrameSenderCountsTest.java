package io.github.camelgeminilive.session.connection;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;

import org.junit.jupiter.api.Test;

import io.github.camelgeminilive.session.delivery.SessionCounters;
import io.github.camelgeminilive.transport.TransportException;
import io.github.camelgeminilive.transport.WebSocketConnection;

/**
 * The sent counters only grow, as Prometheus counters must (a decrease reads as a reset): a frame the connection
 * took stays counted when its write fails later, and the failure is counted apart; a frame the connection refuses
 * at once was never sent.
 */
class FrameSenderCountsTest {

    private final SessionCounters counters = new SessionCounters();
    private final List<CompletableFuture<Void>> writes = new ArrayList<>();
    private CompletableFuture<Void> next;
    private final WebSocketConnection connection = new WebSocketConnection() {
        @Override
        public CompletableFuture<Void> sendText(byte[] utf8) {
            CompletableFuture<Void> write = next != null ? next : new CompletableFuture<>();
            writes.add(write);
            return write;
        }

        @Override
        public void close(int code, String reason) {
        }

        @Override
        public void abort() {
        }

        @Override
        public boolean isOpen() {
            return true;
        }
    };
    private final FrameSender sender = new FrameSender("s", counters, () -> connection, () -> null);

    @Test
    void aWriteThatFailsLaterStaysCountedAndIsCountedAsFailed() {
        CompletableFuture<Void> sent = sender.write(EncodedFrame.audio(new byte[640], 0, 640, null));
        long frames = counters.framesSent.get();
        long bytes = counters.bytesSent.get();
        long audio = counters.audioSentNanos.get();
        assertThat(frames).isEqualTo(1);
        assertThat(Duration.ofNanos(audio)).isEqualTo(Duration.ofMillis(20));

        writes.get(0).completeExceptionally(new TransportException("connection lost", null));

        assertThat(sent).isCompletedExceptionally();
        assertThat(counters.framesSent.get()).isEqualTo(frames);
        assertThat(counters.bytesSent.get()).isEqualTo(bytes);
        assertThat(counters.audioSentNanos.get()).isEqualTo(audio);
        assertThat(counters.failedWrites.get()).isEqualTo(1);
    }

    @Test
    void aFrameRefusedAtOnceIsNotCountedAsSent() {
        next = CompletableFuture.failedFuture(new TransportException("closed", null));

        assertThat(sender.write(EncodedFrame.audio(new byte[640], 0, 640, null))).isCompletedExceptionally();

        assertThat(counters.framesSent.get()).isZero();
        assertThat(counters.bytesSent.get()).isZero();
        assertThat(counters.failedWrites.get()).isZero();
    }
}
