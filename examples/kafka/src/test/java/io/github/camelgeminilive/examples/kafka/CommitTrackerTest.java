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
        assertThat(tracker.toCommit(P0)).isEmpty(); // chunk 0 lacks a handle: the group stays at 0, where it read

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
    void anEndMarkerGoesOnceTheCommittedOffsetPassedTheCallsEndRecord() {
        tracker.sent(P0, "a", 0);
        tracker.sent(P0, "b", 1);
        tracker.done(P0, "a", 2); // a's end record
        tracker.ended("a");
        tracker.endMarked(P0, "a", 2);
        assertThat(tracker.toCommit(P0)).hasValue(1); // b's chunk 1 holds the partition back, before a's end
        tracker.committed(P0, 1);
        assertThat(tracker.endsPassed(P0)).as("a's end record not committed past yet").isEmpty();

        tracker.covered("b", 1);
        tracker.committed(P0, tracker.toCommit(P0).orElseThrow());
        assertThat(tracker.endsPassed(P0)).containsExactly("a");
        assertThat(tracker.endsPassed(P0)).as("once").isEmpty();
        tracker.forget(P0);
        tracker.endMarked(P0, "c", 9); // a partition no longer here: no marker is kept for it
        assertThat(tracker.endsPassed(P0)).isEmpty();
    }

    @Test
    void reReadChunksTheSessionHasAreKnownAndAnEndedCallHoldsNothingBack() {
        tracker.found(P0, "a", 4, 5); // a new owner re-reads from 4 and finds a's handle covering offset 5
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
    void aRevokedPartitionNamesItsRunningCallsAndIsForgottenEntirely() {
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
        // should P0 come back, its calls are taken over from their handles like any other
        assertThat(tracker.knows("a")).isFalse();
        assertThat(tracker.has("a", 0)).isFalse();
        assertThat(tracker.toCommit(P0)).isEmpty();
    }

    @Test
    void aPartitionThatComesBackStartsAfreshAndLateReportsOfItsEarlierOwnershipChangeNothing() {
        tracker.sent(P0, "a", 10);
        tracker.sent(P0, "a", 11);
        tracker.forget(P0); // another instance has it now, commits on, and gives it back at offset 20
        tracker.failed(P0, "a", 11); // the exchange of chunk 11 failed late, after the partition moved
        tracker.covered("a", 30); // a late save of the released session

        tracker.found(P0, "a", 20, 22); // the handle the other instance stored covers up to 22
        assertThat(tracker.has("a", 22)).isTrue();
        assertThat(tracker.has("a", 23)).isFalse();
        tracker.done(P0, "a", 20);
        tracker.failed(P0, "a", 11); // and again, now that the partition is this instance's again
        assertThat(tracker.toCommit(P0)).hasValue(21); // not back to 11
    }

    @Test
    void aChunkThatNeverReachedItsSessionHoldsCommitsBackThoughLaterHandlesCoverPastIt() {
        tracker.sent(P0, "a", 0);
        tracker.failed(P0, "a", 0); // e.g. the session could not be opened
        tracker.sent(P0, "a", 1);
        tracker.sent(P0, "b", 2);
        tracker.covered("a", 1); // the handle of the session opened for chunk 1 says nothing of chunk 0
        tracker.covered("b", 2);
        assertThat(tracker.toCommit(P0)).isEmpty(); // held at chunk 0, where the group is

        tracker.ended("a"); // the call is over: its lost chunk is no reason to hold the partition back any more
        assertThat(tracker.toCommit(P0)).hasValue(3);
    }

    @Test
    void anEndedCallLeavesNothingBehind() {
        tracker.found(P0, "a", 0, 0);
        tracker.done(P0, "a", 0);
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
