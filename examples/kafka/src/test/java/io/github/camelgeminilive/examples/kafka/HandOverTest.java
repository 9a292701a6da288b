package io.github.camelgeminilive.examples.kafka;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicReference;

import org.apache.camel.component.kafka.consumer.support.subcription.TopicInfo;
import org.apache.kafka.clients.consumer.ConsumerRebalanceListener;
import org.apache.kafka.clients.consumer.MockConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.TimeoutException;
import org.junit.jupiter.api.Test;

/** A revocation hands the calls over and lets camel-kafka do its part, even when the commit fails. */
class HandOverTest {

    private static final TopicPartition P0 = new TopicPartition(VoiceRoutes.INPUT, 0);
    private static final TopicPartition P1 = new TopicPartition(VoiceRoutes.INPUT, 1);

    @Test
    void aFailingCommitOnRevocationStillForgetsThePartitionsAndCallsCamelKafkasListener() {
        CommitTracker tracker = new CommitTracker();
        tracker.sent(P0, "a", 0);
        tracker.covered("a", 0);
        tracker.sent(P1, "b", 0);
        tracker.covered("b", 0);
        List<String> released = new CopyOnWriteArrayList<>();
        AtomicReference<ConsumerRebalanceListener> listener = new AtomicReference<>();
        MockConsumer<byte[], byte[]> consumer = new MockConsumer<>("earliest") {
            @Override
            public synchronized void subscribe(Collection<String> topics, ConsumerRebalanceListener l) {
                listener.set(l);
            }

            @Override
            public synchronized void commitSync(Map<TopicPartition, OffsetAndMetadata> offsets, Duration timeout) {
                throw new TimeoutException("the coordinator did not answer");
            }
        };
        List<Collection<TopicPartition>> camelRevoked = new CopyOnWriteArrayList<>();
        new HandOver(tracker, call -> {
            released.add(call);
            return CompletableFuture.completedFuture(null);
        }, () -> {
        }, tp -> {
        }).subscribe(consumer, new ConsumerRebalanceListener() {
            @Override
            public void onPartitionsRevoked(Collection<TopicPartition> partitions) {
                camelRevoked.add(partitions);
            }

            @Override
            public void onPartitionsAssigned(Collection<TopicPartition> partitions) {
            }
        }, new TopicInfo(null, VoiceRoutes.INPUT));

        listener.get().onPartitionsRevoked(List.of(P0, P1));

        assertThat(released).containsExactly("a", "b");
        assertThat(camelRevoked).containsExactly(List.of(P0, P1));
        assertThat(tracker.knows("a")).as("P0 forgotten").isFalse();
        assertThat(tracker.knows("b")).as("P1 forgotten").isFalse();
    }
}
