package io.github.camelgeminilive.examples.kafka;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;

import org.apache.camel.component.kafka.consumer.CommitManager;
import org.apache.camel.component.kafka.consumer.KafkaManualCommit;
import org.apache.camel.component.kafka.consumer.KafkaManualCommitFactory;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.InterruptException;
import org.apache.kafka.common.errors.WakeupException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The manual commit of camel-kafka, committing what the {@link CommitTracker} allows instead of the record's own
 * offset. Called by the route on the consumer's thread (a Kafka consumer is single-threaded). A factory of its own
 * also keeps camel-kafka from committing the last record read when partitions are revoked. A commit that fails (a
 * timeout, a rebalance in progress, the group moved on) is logged and counted, not thrown: the record was
 * delivered, and the next record's commit covers the same offsets.
 */
final class TrackedCommitFactory implements KafkaManualCommitFactory {

    private static final Logger LOG = LoggerFactory.getLogger(TrackedCommitFactory.class);

    private final CommitTracker tracker;
    private final AtomicLong failed = new AtomicLong();

    TrackedCommitFactory(CommitTracker tracker) {
        this.tracker = tracker;
    }

    @Override
    public KafkaManualCommit newInstance(CamelExchangePayload exchange, KafkaRecordPayload record,
            CommitManager commitManager) {
        TopicPartition tp = record.partition;
        return () -> tracker.toCommit(tp).ifPresent(offset -> {
            try {
                exchange.consumer.commitSync(Map.of(tp, new OffsetAndMetadata(offset)),
                        Duration.ofMillis(record.commitTimeout));
                tracker.committed(tp, offset);
            } catch (WakeupException | InterruptException e) { // the consumer is stopping: not a failed commit
                throw e;
            } catch (KafkaException e) {
                LOG.warn("Could not commit {} up to {} ({} failed commits so far): {}; the next record commits it",
                        tp, offset, failed.incrementAndGet(), e.toString());
            }
        });
    }

    /** Commits that failed so far. */
    long failedCommits() {
        return failed.get();
    }
}
