package io.github.camelgeminilive.examples.kafka;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicBoolean;

import org.apache.camel.component.kafka.consumer.KafkaManualCommitFactory.CamelExchangePayload;
import org.apache.camel.component.kafka.consumer.KafkaManualCommitFactory.KafkaRecordPayload;
import org.apache.kafka.clients.consumer.CommitFailedException;
import org.apache.kafka.clients.consumer.MockConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.Test;

/** A failed commit is counted and leaves the tracker as it was: the next record's commit covers it. */
class TrackedCommitFactoryTest {

    private static final TopicPartition P0 = new TopicPartition(VoiceRoutes.INPUT, 0);

    @Test
    void aFailedCommitIsCountedNotThrownAndTheNextRecordCommits() {
        CommitTracker tracker = new CommitTracker();
        TrackedCommitFactory commits = new TrackedCommitFactory(tracker);
        AtomicBoolean fail = new AtomicBoolean(true);
        MockConsumer<byte[], byte[]> consumer = new MockConsumer<>("earliest") {
            @Override
            public synchronized void commitSync(Map<TopicPartition, OffsetAndMetadata> offsets, Duration timeout) {
                if (fail.get()) {
                    throw new CommitFailedException("the group rebalanced");
                }
                super.commitSync(offsets, timeout);
            }
        };
        consumer.assign(List.of(P0));
        tracker.sent(P0, "a", 0);
        tracker.covered("a", 0);

        commit(commits, consumer, 0);
        assertThat(commits.failedCommits()).isEqualTo(1);
        assertThat(tracker.toCommit(P0)).as("still to commit").hasValue(1);

        fail.set(false);
        tracker.done(P0, "a", 1);
        commit(commits, consumer, 1);
        assertThat(consumer.committed(Set.of(P0))).containsEntry(P0, new OffsetAndMetadata(2));
        assertThat(tracker.toCommit(P0)).isEmpty();
    }

    private static void commit(TrackedCommitFactory commits, MockConsumer<byte[], byte[]> consumer, long offset) {
        commits.newInstance(new CamelExchangePayload(null, consumer, "t", null),
                new KafkaRecordPayload(P0, offset, 1000), null).commit();
    }
}
