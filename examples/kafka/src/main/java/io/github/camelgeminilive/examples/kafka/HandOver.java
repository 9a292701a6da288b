package io.github.camelgeminilive.examples.kafka;

import java.time.Duration;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Function;

import org.apache.camel.component.kafka.consumer.support.subcription.DefaultSubscribeAdapter;
import org.apache.camel.component.kafka.consumer.support.subcription.SubscribeAdapter;
import org.apache.camel.component.kafka.consumer.support.subcription.TopicInfo;
import org.apache.kafka.clients.consumer.ConsumerRebalanceListener;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.InterruptException;
import org.apache.kafka.common.errors.WakeupException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Hands the calls of revoked partitions over to their next owner at once (a polite rebalance: an instance joins or
 * leaves the group). Bound as {@code subscribeAdapter}, which camel-kafka looks up to subscribe its consumer, it wraps
 * camel-kafka's rebalance listener: when partitions are revoked, on the consumer's thread, it releases each of their
 * calls' sessions (the {@code release} operation: the connection closes, the stored handle stays) and commits what the
 * stored handles cover, so the new owner resumes the sessions without waiting for them to close and re-reads exactly
 * what they lack. When partitions are assigned, it reads the handle store to its end first, so that the handles of
 * their calls are at hand without a round trip per call. Partitions lost (taken away without a revocation, e.g.
 * after missed heartbeats) have their calls' sessions released too, without a commit.
 */
final class HandOver implements SubscribeAdapter {

    private static final Logger LOG = LoggerFactory.getLogger(HandOver.class);
    private static final Duration COMMIT_TIMEOUT = Duration.ofSeconds(10);
    /** How long a revocation waits for its calls' releases (each after the chunk under way, see CallLanes). */
    static final Duration RELEASE_TIMEOUT = Duration.ofSeconds(10);

    private final CommitTracker tracker;
    private final Function<String, CompletableFuture<Void>> release;
    private final Runnable assigned;
    private final java.util.function.Consumer<TopicPartition> gone;
    private final SubscribeAdapter subscribe = new DefaultSubscribeAdapter();

    /**
     * @param release  lets go of the session of a call, keeping its stored handle, after the chunk under way (the
     *                 chunks queued are left to the next owner); completes when done
     * @param assigned runs when partitions are assigned, before their records: reads the handle store to its end
     * @param gone     told of each partition revoked or lost, after its commit, before the tracker forgets it
     */
    HandOver(CommitTracker tracker, Function<String, CompletableFuture<Void>> release, Runnable assigned,
            java.util.function.Consumer<TopicPartition> gone) {
        this.tracker = tracker;
        this.release = release;
        this.assigned = assigned;
        this.gone = gone;
    }

    @Override
    public void subscribe(org.apache.kafka.clients.consumer.Consumer<?, ?> consumer,
            ConsumerRebalanceListener camelListener, TopicInfo topics) {
        subscribe.subscribe(consumer, new ConsumerRebalanceListener() {
            @Override
            public void onPartitionsRevoked(Collection<TopicPartition> partitions) {
                try {
                    partitions.forEach(tp -> handOver(consumer, tp, true));
                } finally {
                    camelListener.onPartitionsRevoked(partitions);
                }
            }

            @Override
            public void onPartitionsAssigned(Collection<TopicPartition> partitions) {
                // once per assignment, not per call: the handles their previous owners stored are all read here
                if (!partitions.isEmpty()) {
                    assigned.run();
                }
                camelListener.onPartitionsAssigned(partitions);
            }

            @Override
            public void onPartitionsLost(Collection<TopicPartition> partitions) {
                // e.g. this instance missed its heartbeats: another owns them already, so nothing is committed,
                // but the sessions are let go, as an open connection would keep the new owner from resuming them
                try {
                    partitions.forEach(tp -> handOver(consumer, tp, false));
                } finally {
                    camelListener.onPartitionsLost(partitions);
                }
            }
        }, topics);
    }

    private void handOver(org.apache.kafka.clients.consumer.Consumer<?, ?> consumer, TopicPartition tp,
            boolean commit) {
        try {
            releaseAll(tp);
            (commit ? tracker.toCommit(tp) : OptionalLong.empty()).ifPresent(offset -> {
                consumer.commitSync(Map.of(tp, new OffsetAndMetadata(offset)), COMMIT_TIMEOUT);
                tracker.committed(tp, offset);
                LOG.info("Revoked {}: its calls' sessions released, committed up to {}", tp, offset);
            });
        } catch (WakeupException | InterruptException e) { // the consumer is stopping
            throw e;
        } catch (KafkaException e) { // the next owner re-reads a little more, and skips what the handles cover
            LOG.warn("Revoked {}: its calls' sessions released, but the commit failed: {}", tp, e.toString());
        } finally {
            try {
                gone.accept(tp);
            } finally {
                tracker.forget(tp);
            }
        }
    }

    /** Releases the sessions of the calls of {@code tp} at once, and waits (bounded) until they are released. */
    private void releaseAll(TopicPartition tp) {
        List<String> calls = tracker.calls(tp);
        List<CompletableFuture<Void>> released = calls.stream().map(call -> {
            try {
                return release.apply(call);
            } catch (RuntimeException e) {
                return CompletableFuture.<Void>failedFuture(e);
            }
        }).toList();
        long deadline = System.nanoTime() + RELEASE_TIMEOUT.toNanos();
        for (int i = 0; i < calls.size(); i++) {
            try {
                released.get(i).get(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new InterruptException(e);
            } catch (ExecutionException | TimeoutException e) {
                // e.g. the routes are stopping (they close the sessions, handles kept), or it is still sending: what
                // no stored handle covers is not committed, so the next owner reads it again
                LOG.warn("Could not release the session of call {} on revoking {}: {}", calls.get(i), tp,
                        String.valueOf(e.getCause() == null ? e : e.getCause()));
            }
        }
    }
}
