package io.github.camelgeminilive.examples.kafka;

import java.time.Duration;
import java.util.Map;

import org.apache.camel.component.kafka.consumer.CommitManager;
import org.apache.camel.component.kafka.consumer.KafkaManualCommit;
import org.apache.camel.component.kafka.consumer.KafkaManualCommitFactory;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;

/**
 * The manual commit of camel-kafka, committing what the {@link CommitTracker} allows instead of the record's own
 * offset. Called by the route on the consumer's thread (a Kafka consumer is single-threaded). A factory of its own
 * also keeps camel-kafka from committing the last record read when partitions are revoked.
 */
final class TrackedCommitFactory implements KafkaManualCommitFactory {

    private final CommitTracker tracker;

    TrackedCommitFactory(CommitTracker tracker) {
        this.tracker = tracker;
    }

    @Override
    public KafkaManualCommit newInstance(CamelExchangePayload exchange, KafkaRecordPayload record,
            CommitManager commitManager) {
        TopicPartition tp = record.partition;
        return () -> tracker.toCommit(tp).ifPresent(offset -> {
            exchange.consumer.commitSync(Map.of(tp, new OffsetAndMetadata(offset)),
                    Duration.ofMillis(record.commitTimeout));
            tracker.committed(tp, offset);
        });
    }
}
