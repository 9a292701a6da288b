package io.github.camelgeminilive.session.resilience;

import static io.github.camelgeminilive.testing.WireFrames.bytes;
import static io.github.camelgeminilive.testing.WireFrames.hold;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;

import org.junit.jupiter.api.Test;

import io.github.camelgeminilive.protocol.FunctionCall;
import io.github.camelgeminilive.session.OverflowPolicy;
import io.github.camelgeminilive.session.connection.EncodedFrame;

/** The bounds of a resilient session that hold without a server: held sends, pending tool calls. */
class SessionBoundsTest {

    private static OutboundMessage audio(int bytes) {
        return new OutboundMessage(EncodedFrame.audio(new byte[bytes], 0, bytes, null));
    }

    @Test
    void heldSendsAreBoundedInBytesTooFailingTheNewSendOrDroppingTheOldest() {
        OutboundMessage first = audio(640);
        long frame = first.bytes;
        HeldSends fail = new HeldSends(1000, 2 * frame, OverflowPolicy.FAIL);
        fail.hold(first);
        fail.hold(audio(640));
        OutboundMessage refused = audio(640);
        fail.hold(refused);
        assertThat(refused).failsWithin(Duration.ZERO).withThrowableOfType(ExecutionException.class)
                .withMessageContaining("Send refused").withMessageContaining(2 * frame + " bytes");
        assertThat(fail.refused()).isEqualTo(1);
        assertThat(fail.dropped()).isZero();

        HeldSends drop = new HeldSends(1000, 2 * frame, OverflowPolicy.DROP_OLDEST);
        List<OutboundMessage> held = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            held.add(audio(640));
            drop.hold(held.get(i));
        }
        assertThat(held.get(0)).failsWithin(Duration.ZERO).withThrowableOfType(ExecutionException.class)
                .withMessageContaining("DROP_OLDEST");
        assertThat(drop.dropped()).isEqualTo(1);
        assertThat(drop.poll()).isSameAs(held.get(1));
        OutboundMessage huge = audio(6400); // larger than the whole bound: refused even with DROP_OLDEST
        drop.hold(huge);
        assertThat(huge).isCompletedExceptionally();
        assertThat(drop.refused()).isEqualTo(1);
        assertThat(drop.poll()).isSameAs(held.get(2));
    }

    @Test
    void pendingToolCallsAreBoundedAndTheOldestIsCancelledAndReported() {
        List<List<String>> reported = new ArrayList<>();
        ToolCalls calls = new ToolCalls(reported::add);
        for (int i = 0; i < ToolCalls.MAX_PENDING; i++) {
            calls.requested(List.of(new FunctionCall("c" + i, "f", null)), 1);
        }
        assertThat(reported).isEmpty();
        calls.requested(List.of(new FunctionCall("c" + ToolCalls.MAX_PENDING, "f", null),
                new FunctionCall("c" + (ToolCalls.MAX_PENDING + 1), "f", null)), 1);

        assertThat(reported).containsExactly(List.of("c0", "c1"));
        assertThat(calls.cancelledByBound()).isEqualTo(2);
        assertThatThrownBy(() -> calls.answer(List.of("c0"), 1))
                .hasMessageContaining("already answered or cancelled");
        calls.answer(List.of("c2", "c" + (ToolCalls.MAX_PENDING + 1)), 1);
    }
}
