package io.github.camelgeminilive.component;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import io.github.camelgeminilive.protocol.Transcription;
import io.github.camelgeminilive.protocol.UsageMetadata;
import io.github.camelgeminilive.session.LiveEvent;
import io.github.camelgeminilive.session.LiveSessionException;

/** How session events become the replies of waiting InOut exchanges. */
class TurnRepliesTest {

    private final ExecutorService executor = Executors.newSingleThreadExecutor();
    private final TurnReplies replies = new TurnReplies("call", executor, false);

    @AfterEach
    void stop() {
        executor.shutdownNow();
    }

    private static LiveEvent.Audio audio(int bytes) {
        return new LiveEvent.Audio(new byte[bytes], "audio/pcm;rate=24000");
    }

    private static LiveEvent.OutputTranscription said(String text) {
        return new LiveEvent.OutputTranscription(Transcription.of(text));
    }

    private static LiveEvent.Usage usage(int total) {
        return new LiveEvent.Usage(new UsageMetadata(3, null, total - 3, null, null, total, null, null));
    }

    @Test
    void aggregatesAudioTranscriptAndTheUsageThatFollowsTurnComplete() throws Exception {
        CompletableFuture<TurnReply> reply = replies.expect();
        replies.onEvent(audio(10));
        replies.onEvent(said("Hello "));
        replies.onEvent(audio(6));
        replies.onEvent(said("there"));
        replies.onEvent(new LiveEvent.GenerationComplete());
        replies.onEvent(new LiveEvent.TurnComplete(null));
        assertThat(reply).isNotDone();
        replies.onEvent(usage(42));

        TurnReply r = reply.get(1, TimeUnit.SECONDS);
        assertThat(r.audio()).hasSize(16);
        assertThat(r.mimeType()).isEqualTo("audio/pcm;rate=24000");
        assertThat(r.transcript()).isEqualTo("Hello there");
        assertThat(r.usage().totalTokenCount()).isEqualTo(42);
        assertThat(r.interrupted()).isFalse();
    }

    @Test
    void theEventsOfTheReplyAreCollectedInsteadOfItsAudioWhenAsked() {
        TurnReplies collecting = new TurnReplies("call", executor, true);
        CompletableFuture<TurnReply> reply = collecting.expect();
        List<LiveEvent> turn = List.of(audio(10), said("Hi"), audio(4), new LiveEvent.TurnComplete(null), usage(5));
        turn.forEach(collecting::onEvent);

        TurnReply r = reply.join();
        assertThat(r.events()).containsExactlyElementsOf(turn);
        assertThat(r.audio()).isEmpty();
        assertThat(r.mimeType()).isEqualTo("audio/pcm;rate=24000");
        assertThat(r.transcript()).isEqualTo("Hi");
        assertThat(r.usage().totalTokenCount()).isEqualTo(5);
    }

    @Test
    void usageSeenDuringTheTurnCompletesAtTurnComplete() {
        CompletableFuture<TurnReply> reply = replies.expect();
        replies.onEvent(usage(7));
        replies.onEvent(audio(2));
        replies.onEvent(new LiveEvent.TurnComplete(null));

        assertThat(reply).isCompleted();
        assertThat(reply.join().usage().totalTokenCount()).isEqualTo(7);
    }

    @Test
    void withoutUsageTheNextEventOrTheGraceTimeEndsTheWait() throws Exception {
        CompletableFuture<TurnReply> first = replies.expect();
        replies.onEvent(new LiveEvent.TurnComplete(null));
        replies.onEvent(new LiveEvent.ResumptionUpdate("h", true, null));
        assertThat(first).isCompleted();
        assertThat(first.join().usage()).isNull();

        CompletableFuture<TurnReply> second = replies.expect();
        replies.onEvent(new LiveEvent.TurnComplete(null));
        assertThat(second.get(2, TimeUnit.SECONDS).usage()).isNull();
    }

    @Test
    void repliesGoToTheWaitersInOrder() {
        CompletableFuture<TurnReply> first = replies.expect();
        CompletableFuture<TurnReply> second = replies.expect();
        replies.onEvent(said("one"));
        replies.onEvent(usage(1));
        replies.onEvent(new LiveEvent.TurnComplete(null));
        replies.onEvent(said("two"));
        replies.onEvent(usage(2));
        replies.onEvent(new LiveEvent.TurnComplete(null));

        assertThat(first.join().transcript()).isEqualTo("one");
        assertThat(second.join().transcript()).isEqualTo("two");
    }

    @Test
    void interruptedEndsTheReplyAndItsLateTurnCompleteIsNotTheNextReply() {
        CompletableFuture<TurnReply> cut = replies.expect();
        CompletableFuture<TurnReply> next = replies.expect();
        replies.onEvent(audio(4));
        replies.onEvent(new LiveEvent.Interrupted());
        assertThat(cut.join().interrupted()).isTrue();
        assertThat(cut.join().audio()).hasSize(4);

        replies.onEvent(new LiveEvent.TurnComplete(null)); // the interrupted turn's end, as some services send it
        nextTurnAnswers(next);
    }

    @Test
    void aTextOnlyTurnAfterAnInterruptedOneEndsWithItsOwnTurnComplete() {
        CompletableFuture<TurnReply> cut = replies.expect();
        CompletableFuture<TurnReply> next = replies.expect();
        CompletableFuture<TurnReply> last = replies.expect();
        replies.onEvent(new LiveEvent.Interrupted()); // no turnComplete follows for the cut turn
        replies.onEvent(new LiveEvent.Text("second", false));
        replies.onEvent(usage(5));
        replies.onEvent(new LiveEvent.TurnComplete(null));

        assertThat(cut.join().interrupted()).isTrue();
        assertThat(next).isCompleted();
        assertThat(next.join().text()).isEqualTo("second");
        nextTurnAnswers(last);
    }

    @Test
    void closeFailsEveryWaiterAndCancelForgetsOne() {
        CompletableFuture<TurnReply> cancelled = replies.expect();
        CompletableFuture<TurnReply> waiting = replies.expect();
        replies.cancel(cancelled);
        replies.onEvent(new LiveEvent.Closed(1011, "gone", LiveSessionException.forClose(1011, "gone")));

        assertThat(cancelled).isNotDone();
        assertThatThrownBy(waiting::join).hasCauseInstanceOf(LiveSessionException.ServerErrorException.class)
                .hasMessageContaining("gone");
    }

    private static LiveEvent.Reconnected reconnected(boolean replyAborted, long replayed) {
        return new LiveEvent.Reconnected(1, Duration.ofMillis(80), true, replayed, Duration.ZERO, Duration.ZERO,
                replyAborted, "1006 connection lost");
    }

    @Test
    void aCutOffReplyWhoseQuestionWasReplayedStartsOverAndGetsTheWholeNewAnswerOnce() {
        CompletableFuture<TurnReply> cut = replies.expect();
        CompletableFuture<TurnReply> next = replies.expect();
        replies.onEvent(audio(4));
        replies.onEvent(said("You sa"));
        replies.onEvent(reconnected(true, 1));
        replies.onEvent(audio(10));
        replies.onEvent(said("You said: hi"));
        replies.onEvent(usage(5));
        replies.onEvent(new LiveEvent.TurnComplete(null));

        assertThat(cut.join().transcript()).isEqualTo("You said: hi");
        assertThat(cut.join().audio()).hasSize(10);
        assertThat(next).isNotDone();
    }

    @Test
    void aCutOffReplyThatWillNotBeAnsweredAgainFailsAndTheNextWaiterKeepsWaiting() {
        CompletableFuture<TurnReply> cut = replies.expect();
        CompletableFuture<TurnReply> next = replies.expect();
        replies.onEvent(audio(4));
        replies.onEvent(reconnected(true, 0));

        assertThatThrownBy(cut::join).hasCauseInstanceOf(ReplyAbortedException.class)
                .hasMessageContaining("'call'").hasMessageContaining("1006 connection lost");
        assertThat(((ReplyAbortedException) cut.handle((r, e) -> e).join()).reason())
                .isEqualTo("1006 connection lost");
        nextTurnAnswers(next);
    }

    @Test
    void aReconnectBetweenRepliesLeavesTheWaitersAlone() {
        CompletableFuture<TurnReply> waiting = replies.expect();
        replies.onEvent(reconnected(false, 0));
        assertThat(waiting).isNotDone();

        replies.onEvent(said("resumed"));
        replies.onEvent(usage(2));
        replies.onEvent(new LiveEvent.TurnComplete(null));
        assertThat(waiting.join().transcript()).isEqualTo("resumed");
    }

    /** The turn after a cut one: still waiting, then its own reply, whole. */
    private void nextTurnAnswers(CompletableFuture<TurnReply> next) {
        assertThat(next).isNotDone();
        replies.onEvent(said("answer"));
        replies.onEvent(usage(5));
        replies.onEvent(new LiveEvent.TurnComplete(null));
        assertThat(next.join().transcript()).isEqualTo("answer");
    }

    @Test
    void aWaiterThatTimedOutMidReplyStillTakesTheRestOfItsTurnSoTheNextGetsItsOwn() throws Exception {
        CompletableFuture<TurnReply> first = replies.expect();
        CompletableFuture<TurnReply> second = replies.expect();
        replies.onEvent(said("first answer, "));
        first.completeExceptionally(new TimeoutException()); // what orTimeout does
        replies.abandon(first);
        replies.onEvent(said("still the first"));
        replies.onEvent(new LiveEvent.TurnComplete(null));
        replies.onEvent(usage(10));
        replies.onEvent(said("second answer"));
        replies.onEvent(new LiveEvent.TurnComplete(null));
        replies.onEvent(usage(12));

        assertThat(second.get(1, TimeUnit.SECONDS).transcript()).isEqualTo("second answer");
    }

    @Test
    void aWaiterThatTimedOutBeforeItsReplyBeganIsForgotten() throws Exception {
        CompletableFuture<TurnReply> first = replies.expect();
        CompletableFuture<TurnReply> second = replies.expect();
        first.completeExceptionally(new TimeoutException());
        replies.abandon(first);
        replies.onEvent(said("an answer"));
        replies.onEvent(new LiveEvent.TurnComplete(null));
        replies.onEvent(usage(10));

        assertThat(second.get(1, TimeUnit.SECONDS).transcript()).isEqualTo("an answer");
    }

    @Test
    void waitersAreBounded() {
        for (int i = 0; i < TurnReplies.MAX_WAITING; i++) {
            assertThat(replies.expect()).isNotNull();
        }
        assertThat(replies.expect()).isNull();
    }
}
