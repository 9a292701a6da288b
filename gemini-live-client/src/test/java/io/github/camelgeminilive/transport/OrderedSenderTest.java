package io.github.camelgeminilive.transport;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.function.Consumer;

import org.junit.jupiter.api.Test;

/** The outgoing queue's bound in bytes: what passes it is refused at once and counted; order is unchanged. */
class OrderedSenderTest {

    private final List<byte[]> written = new ArrayList<>();
    private final List<Consumer<Throwable>> pending = new ArrayList<>();
    private final OrderedSender sender = new OrderedSender((utf8, done) -> {
        written.add(utf8);
        pending.add(done); // the write completes when the test says so
    }, reason -> {}, 100);

    @Test
    void aSendBeyondTheBoundFailsAtOnceIsCountedAndLeavesTheOthersInOrder() {
        CompletableFuture<Void> first = sender.send(new byte[40]);
        CompletableFuture<Void> second = sender.send(new byte[40]);
        CompletableFuture<Void> refused = sender.send(new byte[40]);

        assertThat(refused).isCompletedExceptionally();
        assertThatThrownBy(refused::join).cause().isInstanceOf(SendRefusedException.class)
                .hasMessage("Send refused: a frame of 40 bytes would take the connection's outgoing queue (80 bytes"
                        + " held) over its bound of 100 bytes (maxOutgoingBytes)");
        assertThat(sender.refusedSends()).isEqualTo(1);
        assertThat(written).hasSize(1);

        pending.get(0).accept(null); // the first frame is out: its bytes no longer count
        assertThat(first).isCompleted();
        CompletableFuture<Void> fourth = sender.send(new byte[60]);
        assertThat(fourth).isNotDone();
        pending.get(1).accept(null);
        pending.get(2).accept(null);

        assertThat(second).isCompleted();
        assertThat(fourth).isCompleted();
        assertThat(written).extracting(b -> b.length).containsExactly(40, 40, 60);
        assertThat(sender.refusedSends()).isEqualTo(1);
    }

    @Test
    void aFrameLargerThanTheWholeBoundIsRefusedEvenWhenNothingIsQueued() {
        assertThat(sender.send(new byte[101])).isCompletedExceptionally();
        assertThat(sender.send(new byte[100])).isNotDone();
        assertThat(sender.refusedSends()).isEqualTo(1);
    }

    @Test
    void aFailedWriteReleasesItsBytes() {
        CompletableFuture<Void> failed = sender.send(new byte[50]);
        sender.send(new byte[50]);
        pending.get(0).accept(new RuntimeException("broken pipe"));

        assertThat(failed).isCompletedExceptionally();
        assertThat(sender.send(new byte[50])).isNotDone();
        assertThat(sender.refusedSends()).isZero();
    }
}
