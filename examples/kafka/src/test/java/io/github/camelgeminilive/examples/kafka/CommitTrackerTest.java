package io.github.camelgeminilive.examples.kafka;

import static org.assertj.core.api.Assertions.assertThat;

import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.Test;

/** Offsets are committed only as far as every call's stored handle covers its chunks. */
class CommitTrackerTest {

    private static final TopicPartition P0 = new TopicPartition(VoiceRoutes.INPUT, 0);

    private final CommitTracker tracker = new CommitTracker();

    @Test
    void aPartitionIsCommittedUpToTheOldestChunkAnyOfItsCallsStillLacksAHandleFor() {
        tracker.sent(P0, "a", 0);
        tracker.sent(P0, "b", 1);
        tracker.sent(P0, "a", 2);
        tracker.sent(P0, "b", 3);
        assertThat(tracker.toCommit(P0)).hasValue(0);
        tracker.committed(P0, 0);

        tracker.covered("a", 2); // a's handle has both of a's chunks; b's chunk 1 still holds the partition back
        assertThat(tracker.toCommit(P0)).hasValue(1);
        tracker.committed(P0, 1);
        assertThat(tracker.toCommit(P0)).isEmpty();

        tracker.covered("b", 1);
        assertThat(tracker.toCommit(P0)).hasValue(3);
        tracker.covered("b", 3);
        assertThat(tracker.toCommit(P0)).hasValue(4); // everything covered: past the last record
    }

    @Test
    void reReadChunksTheSessionHasAreKnownAndAnEndedCallHoldsNothingBack() {
        tracker.covered("a", 5); // a new owner found a's handle covering offset 5
        assertThat(tracker.has("a", 5)).isTrue();
        assertThat(tracker.has("a", 6)).isFalse();
        tracker.done(P0, "a", 5);
        tracker.sent(P0, "a", 6);
        assertThat(tracker.has("a", 6)).isTrue(); // read again after a rebalance: the session has it
        assertThat(tracker.toCommit(P0)).hasValue(6);

        tracker.done(P0, "a", 7);
        tracker.ended("a");
        assertThat(tracker.toCommit(P0)).hasValue(8);
    }

    @Test
    void aRevokedPartitionNamesItsRunningCallsAndIsForgottenButForWhatHandlesCover() {
        TopicPartition p1 = new TopicPartition(VoiceRoutes.INPUT, 1);
        tracker.sent(P0, "a", 0);
        tracker.sent(P0, "b", 1);
        tracker.sent(p1, "c", 0);
        tracker.sent(P0, "a", 2);
        tracker.covered("a", 0);
        assertThat(tracker.calls(P0)).containsExactly("a", "b");

        tracker.forget(P0);

        assertThat(tracker.calls(P0)).isEmpty();
        assertThat(tracker.calls(p1)).containsExactly("c");
        // should P0 come back, its calls are taken over from their handles: a's chunk 2 was sent, not covered
        assertThat(tracker.knows("a")).isFalse();
        assertThat(tracker.has("a", 0)).isTrue();
        assertThat(tracker.has("a", 2)).isFalse();
        assertThat(tracker.toCommit(P0)).isEmpty();
    }

    @Test
    void aChunkThatNeverReachedItsSessionHoldsCommitsBackThoughLaterHandlesCoverPastIt() {
        tracker.sent(P0, "a", 0);
        tracker.failed(P0, "a", 0); // e.g. the session could not be opened
        tracker.sent(P0, "a", 1);
        tracker.sent(P0, "b", 2);
        tracker.covered("a", 1); // the handle of the session opened for chunk 1 says nothing of chunk 0
        tracker.covered("b", 2);
        assertThat(tracker.toCommit(P0)).hasValue(0);

        tracker.ended("a"); // the call is over: its lost chunk is no reason to hold the partition back any more
        assertThat(tracker.toCommit(P0)).hasValue(3);
    }

    @Test
    void anEndedCallLeavesNothingBehind() {
        tracker.covered("a", 0);
        tracker.sent(P0, "a", 1);
        tracker.covered("a", 1);
        tracker.done(P0, "a", 2);
        tracker.ended("a");

        assertThat(tracker.knows("a")).isFalse(); // its partition is forgotten: a new call of that key starts afresh
        assertThat(tracker.has("a", 0)).isFalse(); // and what its handle covered
        assertThat(tracker.toCommit(P0)).hasValue(3);
    }

    @Test
    void aDroppedRecordHoldsNothingBack() {
        tracker.sent(P0, "a", 0);
        tracker.covered("a", 0);
        tracker.dropped(P0, 1);
        assertThat(tracker.toCommit(P0)).hasValue(2);
    }
}
