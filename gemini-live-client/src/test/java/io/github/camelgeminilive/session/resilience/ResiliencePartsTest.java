package io.github.camelgeminilive.session.resilience;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Deque;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.atomic.AtomicInteger;

import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;

import io.github.camelgeminilive.protocol.FunctionCall;
import io.github.camelgeminilive.session.InMemoryResumptionHandleStore;
import io.github.camelgeminilive.session.OverflowPolicy;
import io.github.camelgeminilive.session.ReconnectPolicy;
import io.github.camelgeminilive.session.ResilienceOptions;
import io.github.camelgeminilive.session.ResumptionHandleStore;
import io.github.camelgeminilive.session.connection.EncodedFrame;

/** The small parts of a resilient session, one job each. */
class ResiliencePartsTest {

    private static final long FRAME_NANOS = Duration.ofMillis(20).toNanos();

    /** 20 ms of audio. */
    private static OutboundMessage audio() {
        return new OutboundMessage(EncodedFrame.audio(new byte[640], 0, 640, null));
    }

    /**
     * What the outbox does: the message's frame goes with its first write, message {@code index} of connection
     * {@code connection}, and the buffer keeps its bytes (no write known to have completed).
     */
    private static OutboundMessage keep(ReplayBuffer buffer, OutboundMessage m, int connection, long index) {
        buffer.add(m, m.release(), connection, index, 0);
        return m;
    }

    @Test
    void withersChangeTheirOwnFieldsAndKeepTheRest() {
        ResilienceOptions d = ResilienceOptions.defaults();
        ResumptionHandleStore store = new InMemoryResumptionHandleStore();

        ResilienceOptions changed = d.withTransparent(true).withMaxConnectionAge(Duration.ofMinutes(9))
                .withHeldSends(5, 4096, OverflowPolicy.DROP_OLDEST).withKeepalive(null, null)
                .withReplayBuffer(1024, Duration.ofSeconds(3)).withHandles(store, "k", true)
                .withReconnect(ReconnectPolicy.defaults()).withCoverageLag(null);

        assertThat(changed).isEqualTo(new ResilienceOptions(changed.reconnect(), 1024, Duration.ofSeconds(3), 5,
                4096, OverflowPolicy.DROP_OLDEST, null, null, d.goAwayMargin(), Duration.ofMinutes(9), true, null, true,
                store, "k"));
        assertThatThrownBy(() -> d.withKeepalive(Duration.ofSeconds(10), Duration.ofSeconds(5)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("pingTimeout");
        assertThatThrownBy(() -> d.withReplayBuffer(ResilienceOptions.MAX_REPLAY_BUFFER_BYTES + 1, null))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("at most 1073741824 (1 GiB)");
    }

    @Test
    void backoffStartsAtOnceThenGrowsWithBoundedJitterUpToTheCap() {
        ReconnectPolicy backoff = new ReconnectPolicy(Duration.ofMillis(100), Duration.ofMillis(1000), 2.0, 0.2,
                5, Duration.ofSeconds(60));
        assertThat(backoff.delayBefore(1)).isZero();
        for (int i = 0; i < 100; i++) {
            assertThat(backoff.delayBefore(2)).isBetween(Duration.ofMillis(80), Duration.ofMillis(120));
            assertThat(backoff.delayBefore(4)).isBetween(Duration.ofMillis(320), Duration.ofMillis(480));
            assertThat(backoff.delayBefore(20)).isBetween(Duration.ofMillis(800), Duration.ofMillis(1200));
        }
    }

    @Test
    void replayBufferTrimsWhatAHandleCoversAndReportsWhatItsBoundsForceOut() {
        ReplayBuffer buffer = new ReplayBuffer(1 << 20, Duration.ofMillis(100)); // five 20 ms frames
        for (int i = 0; i < 7; i++) {
            keep(buffer, audio(), 1, i);
        }
        assertThat(buffer.toReplay()).extracting(ReplayBuffer.Replay::seq).containsExactly(2L, 3L, 4L, 5L, 6L);
        assertThat(buffer.takeLostNanos()).isEqualTo(Duration.ofMillis(40).toNanos());
        assertThat(buffer.takeLostNanos()).isZero();
        buffer.covered(2, 10); // another connection's handle covers none of these
        assertThat(buffer.toReplay()).hasSize(5);
        buffer.covered(1, 4);
        assertThat(buffer.toReplay()).extracting(ReplayBuffer.Replay::seq).containsExactly(5L, 6L);
        assertThat(buffer.audioNanos()).isEqualTo(Duration.ofMillis(40).toNanos());
        buffer.rewritten(5, 2, 0); // replayed on the next connection
        buffer.rewritten(6, 2, 1);
        buffer.covered(1, 10); // the old connection's handle covers them no longer
        assertThat(buffer.toReplay()).hasSize(2);
        buffer.covered(2, 0);
        assertThat(buffer.toReplay()).extracting(ReplayBuffer.Replay::seq).containsExactly(6L);
    }

    @Test
    void audioAnEstimateTrimmedIsPossiblyLostUntilAProofCoversIt() {
        ReplayBuffer buffer = new ReplayBuffer(1 << 20, Duration.ofMillis(100)); // five 20 ms frames
        for (int i = 0; i < 5; i++) {
            keep(buffer, audio(), 1, i);
        }
        buffer.estimatedCovered(2, 10); // another connection's
        assertThat(buffer.toReplay()).hasSize(5);
        buffer.estimatedCovered(1, 3);
        assertThat(buffer.toReplay()).extracting(ReplayBuffer.Replay::seq).containsExactly(4L);
        buffer.covered(1, 1); // a later handle proves 0 and 1 read
        assertThat(buffer.takePossiblyLostNanos()).isEqualTo(Duration.ofMillis(40).toNanos());
        assertThat(buffer.takePossiblyLostNanos()).as("reported once").isZero();
        assertThat(buffer.takeLostNanos()).as("not certainly lost").isZero();

        buffer.covered(1, 4);
        for (int i = 5; i < 12; i++) {
            keep(buffer, audio(), 1, i);
            buffer.estimatedCovered(1, i); // seven unproven frames: the oldest two beyond the bound...
        }
        buffer.covered(1, 11); // ...stay possibly lost, though a proof covers them all now
        assertThat(buffer.takePossiblyLostNanos()).isEqualTo(Duration.ofMillis(40).toNanos());
        assertThat(buffer.takeLostNanos()).isZero();
    }

    @Test
    void unprovenAudioKeepsWriteOrderAsItsRingWrapsAndGrows() {
        UnprovenAudio unproven = new UnprovenAudio(Long.MAX_VALUE, Long.MAX_VALUE);
        for (int i = 0; i < 40; i++) {
            unproven.add(1, i, 700, FRAME_NANOS);
        }
        unproven.provenUpTo(1, 29); // the ring's head moves to 30...
        for (int i = 40; i < 100; i++) {
            unproven.add(1, i, 700, FRAME_NANOS); // ...and 70 frames wrap it, then make it grow
        }
        unproven.provenUpTo(2, 99); // another connection's proof covers none of them
        unproven.provenUpTo(1, 80);
        assertThat(unproven.takePossiblyLostNanos()).as("frames 81-99").isEqualTo(Duration.ofMillis(19 * 20).toNanos());
        assertThat(unproven.takePossiblyLostNanos()).isZero();

        UnprovenAudio none = new UnprovenAudio(Long.MAX_VALUE, -1); // a bound no frame fits: each is forced out
        none.add(1, 0, 700, FRAME_NANOS);
        none.add(1, 1, 700, FRAME_NANOS);
        assertThat(none.takePossiblyLostNanos()).isEqualTo(Duration.ofMillis(40).toNanos());
    }

    @Test
    void replayedFramesAreTheBytesFirstWrittenAsTheRingWrapsAndGrows() {
        ReplayBuffer buffer = new ReplayBuffer(1 << 20, null);
        List<EncodedFrame> written = new ArrayList<>();
        List<byte[]> bytes = new ArrayList<>(); // as written: the frame's own array may be reused afterwards
        long index = 0;
        for (int round = 0; round < 40; round++) {
            // bursts of frames of different lengths and contents; a handle covers all but the newest few
            int frames = round == 10 ? 400 : 30;
            for (int i = 0; i < frames; i++, index++) {
                byte[] pcm = new byte[2 * (100 + (int) (index * 37 % 400))];
                Arrays.fill(pcm, (byte) index);
                OutboundMessage m = new OutboundMessage(EncodedFrame.audio(pcm, 0, pcm.length, null));
                EncodedFrame frame = m.release();
                written.add(frame);
                bytes.add(frame.utf8().clone());
                buffer.add(m, frame, 1, index, index); // the ones before written: their messages go
            }
            buffer.covered(1, index - 6);
            assertThat(buffer.toReplay()).hasSize(5);
            for (ReplayBuffer.Replay r : buffer.toReplay()) { // one message per index: its sequence is its index
                assertThat(r.frame().utf8()).as("frame %d", r.seq()).isEqualTo(bytes.get((int) r.seq()));
                assertThat(r.frame().audioNanos()).isEqualTo(written.get((int) r.seq()).audioNanos());
            }
        }
    }

    @Test
    void theByteBoundCountsTheRingsBytesAndARefusedNewestMessageGivesItsOwnBack() {
        OutboundMessage first = audio();
        ReplayBuffer buffer = new ReplayBuffer(3 * first.bytes, null); // three frames, all of one size
        keep(buffer, first, 1, 0);
        OutboundMessage middle = keep(buffer, audio(), 1, 1);
        OutboundMessage newest = keep(buffer, audio(), 1, 2);
        buffer.discard(newest.seq, false); // refused at once, as the connection's bound refuses: no trace left
        keep(buffer, audio(), 1, 3);
        assertThat(buffer.forgottenMessages()).isZero();
        assertThat(buffer.toReplay()).extracting(ReplayBuffer.Replay::seq).containsExactly(0L, 1L, 3L);

        buffer.discard(middle.seq, false); // refused later, others behind it: its bytes stay held until the first goes
        keep(buffer, audio(), 1, 4);
        assertThat(buffer.toReplay()).extracting(ReplayBuffer.Replay::seq).containsExactly(3L, 4L);
        assertThat(buffer.forgottenMessages()).isEqualTo(1);
        assertThat(first).isNotDone(); // forgotten, but its write did not fail: written, not lost
    }

    @Test
    void theConversationLogKeepsTheNewestTextWhateverTheServiceStreams() {
        ConversationLog log = new ConversationLog();
        String chunk = "x".repeat(1000);
        for (int i = 0; i < 1000; i++) { // a reply transcribed without end: 1 M characters, no turnComplete
            log.said(chunk);
        }
        log.turnEnded();
        assertThat(log.turns()).hasSize(1);
        assertThat(log.turns().get(0).parts().get(0).text()).hasSize(ConversationLog.MAX_CHARS);

        log.userText("my name is Alice");
        for (int i = 0; i < 3; i++) { // long turns push the oldest out
            log.said("y".repeat(ConversationLog.MAX_CHARS / 2));
            log.turnEnded();
        }
        long kept = log.turns().stream().mapToLong(c -> c.parts().get(0).text().length()).sum();
        assertThat(kept).isLessThanOrEqualTo(ConversationLog.MAX_CHARS);
        assertThat(log.turns()).hasSize(2).allSatisfy(c -> assertThat(c.role()).isEqualTo("model"));
    }

    @Test
    void aRecordRingKeepsItsEntriesInOrderAcrossWrapsAndGrowth() {
        RecordRing<String> ring = new RecordRing<>(3);
        long expected = 0;
        for (int n = 0; n < 500; n++) {
            long seq = ring.append();
            ring.set(seq, 0, seq * 10);
            ring.set(seq, 2, -seq);
            ring.object(seq, seq % 3 == 0 ? "m" + seq : null);
            if (n % 3 == 2 && n < 300) { // slower than the appends: it wraps, then grows past 64 entries
                ring.removeFirst();
                expected++;
            }
        }
        assertThat(ring.first()).isEqualTo(expected);
        for (long seq = ring.first(); seq < ring.next(); seq++) {
            assertThat(ring.get(seq, 0)).isEqualTo(seq * 10);
            assertThat(ring.get(seq, 1)).as("a new entry's fields start at 0").isZero();
            assertThat(ring.get(seq, 2)).isEqualTo(-seq);
            assertThat(ring.object(seq)).isEqualTo(seq % 3 == 0 ? "m" + seq : null);
        }
        ring.clear();
        assertThat(ring.isEmpty()).isTrue();
        assertThat(ring.object(ring.append())).isNull();
    }

    @Test
    void aByteRingKeepsItsBytesAcrossWrapsAndResizesAndGivesBackAfterABurst() {
        ByteRing ring = new ByteRing();
        Deque<long[]> held = new ArrayDeque<>(); // position, length, fill
        long peak = 0;
        for (int n = 0; n < 3000; n++) {
            // frames of 1000-1299 bytes (a ring of up to 26 KB), a burst of larger ones, then smaller ones
            int length = n < 1000 ? 1000 + n % 300 : n < 1100 ? 4000 : 200 + n % 100;
            byte[] bytes = new byte[length];
            Arrays.fill(bytes, (byte) n);
            held.add(new long[] {ring.append(bytes), length, n});
            while (held.size() > 20) {
                held.removeFirst();
                ring.releaseBefore(held.peekFirst()[0]);
            }
            peak = Math.max(peak, ring.size());
            for (long[] h : held) {
                byte[] expected = new byte[(int) h[1]];
                Arrays.fill(expected, (byte) h[2]);
                assertThat(ring.copy(h[0], (int) h[1])).isEqualTo(expected);
            }
            if (n == 999 || n == 1099) {
                // sized to what it held, with half as much again to spare: not rounded up to a power of two
                assertThat(ring.capacity()).as("after frame %d", n).isBetween((int) peak, (int) (peak * 3 / 2) + 4096);
                peak = 0;
            }
        }
        assertThat(ring.capacity()).as("given back after the burst, over the following turns").isEqualTo(16 * 1024);
        assertThat(ring.size()).isEqualTo(ring.end() - held.peekFirst()[0]);
        long end = ring.end();
        ring.truncate(held.peekLast()[0]);
        assertThat(ring.end()).isEqualTo(end - held.peekLast()[1]);
        assertThatThrownBy(() -> ring.copy(held.peekLast()[0], 1)).isInstanceOf(IllegalArgumentException.class);
        ring.clear();
        assertThat(ring.capacity()).isZero();
        assertThat(ring.size()).isZero();
    }

    @Test
    void aHandleCoversAnInputPositionOnlyWhenItCoversAllItsMessages() {
        ReplayBuffer buffer = new ReplayBuffer(1 << 20, null);
        long[] positions = {10, 10, 14, 14, 20};
        for (int i = 0; i < positions.length; i++) {
            OutboundMessage m = audio();
            m.inputPosition = positions[i];
            keep(buffer, m, 1, i);
        }
        assertThat(buffer.coveredInputPosition()).isEqualTo(-1);
        buffer.covered(1, 1);
        assertThat(buffer.coveredInputPosition()).isEqualTo(10);
        buffer.covered(1, 2); // the first message of 14 only: every input before 14
        assertThat(buffer.coveredInputPosition()).isEqualTo(13);
        buffer.covered(1, 3);
        assertThat(buffer.coveredInputPosition()).isEqualTo(14);
        buffer.covered(1, 4);
        assertThat(buffer.coveredInputPosition()).isEqualTo(20);
    }

    @Test
    void aWriteTimelineKnowsWhatReachedTheSocketByATimeFromItsSamples() {
        long ms = Duration.ofMillis(1).toNanos();
        WriteTimeline timeline = new WriteTimeline(Duration.ofMillis(320)); // a sample every 10 ms at most
        long t0 = 1_000_000 * ms;
        assertThat(timeline.writtenBy(t0)).as("nothing written yet").isZero();
        timeline.written(1, t0);
        timeline.written(2, t0 + 5 * ms); // sooner than the spacing: not sampled
        timeline.written(3, t0 + 10 * ms);
        assertThat(timeline.writtenBy(t0 - 1)).isZero();
        assertThat(timeline.writtenBy(t0 + 9 * ms)).as("the second frame's time is not known: left out").isOne();
        assertThat(timeline.writtenBy(t0 + 10 * ms)).isEqualTo(3);
        for (int i = 1; i <= 128; i++) { // the newest 128 samples are kept
            timeline.written(3 + i, t0 + 10 * ms + i * 10 * ms);
        }
        assertThat(timeline.writtenBy(t0 + 10 * ms)).as("older than every sample: none known").isZero();
        assertThat(timeline.writtenBy(t0 + 20 * ms)).isEqualTo(4);
        assertThat(timeline.writtenBy(t0 + 2000 * ms)).isEqualTo(131);
    }

    @Test
    void aMessageIsFailedOnlyWhenItsWriteFailedAndTheBufferForgotIt() {
        ReplayBuffer buffer = new ReplayBuffer(1 << 20, Duration.ofMillis(20));
        OutboundMessage failedThenForgotten = keep(buffer, audio(), 1, 0);
        OutboundMessage forgottenButWritten = audio();
        failedThenForgotten.writeFailed(new IllegalStateException("gone"));
        assertThat(failedThenForgotten).isNotDone(); // still replayable
        keep(buffer, forgottenButWritten, 1, 1);
        buffer.tellForgotten();
        assertThat(failedThenForgotten).failsWithin(Duration.ZERO)
                .withThrowableOfType(ExecutionException.class).withMessageContaining("Message lost");
        keep(buffer, audio(), 1, 2);
        buffer.tellForgotten();
        forgottenButWritten.complete(null);
        assertThat(forgottenButWritten).isCompleted();
        assertThat(forgottenButWritten).isNotCompletedExceptionally();
    }

    @Test
    void aLostMessagesCallerThatSendsAgainFollowsTheSendThatForcedItOut() {
        ReplayBuffer buffer = new ReplayBuffer(1 << 20, Duration.ofMillis(20)); // one 20 ms frame
        OutboundMessage lost = keep(buffer, audio(), 1, 0);
        lost.writeFailed(new IllegalStateException("gone"));
        OutboundMessage again = audio();
        // the caller's code runs as the future fails, on this thread, under the session's lock: it sends again
        lost.whenComplete((v, e) -> {
            keep(buffer, again, 1, 2);
            buffer.tellForgotten();
        });

        OutboundMessage forcing = keep(buffer, audio(), 1, 1); // forces the lost one out...
        assertThat(lost).as("told only once the outbox wrote the send that forced it out").isNotDone();
        buffer.tellForgotten(); // ...whose caller sends again: after it, and forcing that one out in turn

        assertThat(lost).isCompletedExceptionally();
        assertThat(again.seq).isGreaterThan(forcing.seq);
        assertThat(buffer.toReplay()).extracting(ReplayBuffer.Replay::seq).containsExactly(again.seq);
        assertThat(forcing).as("forced out, but its write did not fail").isNotDone();
        assertThat(buffer.forgottenMessages()).isEqualTo(2);
        assertThat(buffer.takeLostNanos()).isEqualTo(Duration.ofMillis(40).toNanos());
        assertThat(buffer.audioNanos()).isEqualTo(Duration.ofMillis(20).toNanos());
    }

    @Test
    void theBufferLetsGoOfTheMessagesItsConnectionWroteAndStillFailsTheOthers() {
        ReplayBuffer buffer = new ReplayBuffer(1 << 20, null);
        List<OutboundMessage> sent = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            sent.add(keep(buffer, audio(), 1, i));
        }
        OutboundMessage newest = audio();
        buffer.add(newest, newest.release(), 1, 3, 2); // connection 1 wrote messages 0 and 1 meanwhile
        sent.add(newest);
        List<OutboundMessage> open = buffer.clear();
        assertThat(open).as("their write's callback completes the written ones").containsExactly(sent.get(2), newest);

        // a write failed and a later one succeeded: Link.writtenInOrder() stops at the failed one, which stays
        ReplayBuffer after = new ReplayBuffer(1 << 20, null);
        OutboundMessage written = keep(after, audio(), 2, 0);
        OutboundMessage failed = keep(after, audio(), 2, 1);
        failed.writeFailed(new IllegalStateException("gone"));
        OutboundMessage next = audio();
        after.add(next, next.release(), 2, 2, 1);
        assertThat(after.toReplay()).extracting(ReplayBuffer.Replay::message).containsExactly(null, failed, next);
        assertThat(written).isNotDone(); // its callback completes it; the buffer no longer holds it
    }

    @Test
    void aRefusedReplayOfAMessageWrittenBeforeCountsItsAudioAsLost() {
        ReplayBuffer buffer = new ReplayBuffer(1 << 20, null);
        OutboundMessage told = keep(buffer, audio(), 1, 0);
        OutboundMessage written = keep(buffer, audio(), 1, 1);
        written.complete(null); // its first write completed: a refused replay has no future to fail
        buffer.discard(told.seq, false); // its caller hears of the refusal
        buffer.discard(written.seq, true);
        assertThat(buffer.takeLostNanos()).isEqualTo(FRAME_NANOS);
        assertThat(buffer.forgottenMessages()).isOne();
        assertThat(buffer.audioNanos()).isZero();
        assertThat(buffer.toReplay()).isEmpty();
    }

    @Test
    void aCoveredMessageWhoseWriteThenFailsCompletesAsWritten() {
        ReplayBuffer buffer = new ReplayBuffer(1 << 20, null);
        OutboundMessage m = keep(buffer, audio(), 1, 0);
        buffer.covered(1, 0); // the service has it
        m.writeFailed(new IllegalStateException("a late failure"));
        assertThat(m).isCompleted().isNotCompletedExceptionally();
    }

    @Test
    void heldSendsFailTheNewOrTheOldestSendAtTheirBound() {
        HeldSends fail = new HeldSends(2, Long.MAX_VALUE, OverflowPolicy.FAIL);
        List<OutboundMessage> sent = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            sent.add(audio());
            fail.hold(sent.get(i));
        }
        assertThat(sent.get(2)).isCompletedExceptionally();
        assertThat(fail.poll()).isSameAs(sent.get(0));

        HeldSends drop = new HeldSends(2, Long.MAX_VALUE, OverflowPolicy.DROP_OLDEST);
        List<OutboundMessage> dropped = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            dropped.add(audio());
            drop.hold(dropped.get(i));
        }
        assertThat(dropped.get(0)).failsWithin(Duration.ZERO).withThrowableOfType(ExecutionException.class)
                .withMessageContaining("DROP_OLDEST");
        assertThat(drop.dropped()).isEqualTo(1);
        assertThat(drop.poll()).isSameAs(dropped.get(1));
        drop.failAll("closed", null);
        assertThat(dropped.get(2)).isCompletedExceptionally();
        assertThat(drop.isEmpty()).isTrue();
    }

    @Test
    void keepaliveLearnsHowFarThePeerReadAndProbesAtMostOncePerInterval() throws Exception {
        AtomicInteger pings = new AtomicInteger();
        long[] written = {0};
        AtomicInteger dead = new AtomicInteger();
        ScheduledExecutorService scheduler = Executors.newSingleThreadScheduledExecutor();
        try {
            Keepalive keepalive = new Keepalive(() -> {
                pings.incrementAndGet();
                return CompletableFuture.completedFuture(null);
            }, () -> written[0], Duration.ofMillis(50), dead::incrementAndGet);
            keepalive.start(scheduler, null);
            written[0] = 3;
            keepalive.probe();
            written[0] = 7;
            keepalive.probe(); // within the interval: waits
            written[0] = 9;
            keepalive.probe(); // one waiting probe covers this too
            assertThat(pings.get()).isEqualTo(1);
            Awaitility.await().atMost(Duration.ofSeconds(10)).until(() -> pings.get() == 2);
            keepalive.onPong();
            assertThat(keepalive.readUpTo()).isEqualTo(3);
            keepalive.onPong();
            assertThat(keepalive.readUpTo()).isEqualTo(9);
            keepalive.onPong(); // unsolicited: ignored
            assertThat(keepalive.readUpTo()).isEqualTo(9);
            assertThat(pings.get()).isEqualTo(2);
            keepalive.stop();
            keepalive.probe();
            assertThat(pings.get()).isEqualTo(2);
            assertThat(dead.get()).isZero();
        } finally {
            scheduler.shutdownNow();
        }
    }

    @Test
    void toolCallsAreAnsweredOnceOnTheirOwnConnection() {
        ToolCalls calls = new ToolCalls(ids -> {});
        calls.requested(List.of(new FunctionCall("a", "f", null), new FunctionCall("b", "f", null)), 1);
        assertThat(calls.anyPending()).isTrue();
        calls.answer(List.of("a"), 1);
        assertThatThrownBy(() -> calls.answer(List.of("a"), 1))
                .hasMessageContaining("already answered");
        assertThatThrownBy(() -> calls.answer(List.of("b"), 2))
                .hasMessageContaining("No pending function call with id 'b'");
        assertThat(calls.orphaned(2)).containsExactly("b");
        assertThat(calls.anyPending()).isFalse();
        assertThatThrownBy(() -> calls.answer(List.of("b"), 2))
                .hasMessageContaining("cancelled");
    }
}
