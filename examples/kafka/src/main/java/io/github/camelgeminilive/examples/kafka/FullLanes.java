package io.github.camelgeminilive.examples.kafka;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;

import org.apache.camel.component.kafka.consumer.errorhandler.KafkaConsumerListener;
import org.apache.camel.component.kafka.consumer.support.ProcessingResult;
import org.apache.kafka.common.TopicPartition;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Holds back only the partition of a call whose lane is full, so that one call's backlog (or a session that does not
 * keep up) never holds up the calls of other partitions, and the consumer never waits. The record its lane refused
 * pauses its partition and seeks it back to that record; the partition's later records of the same poll are ignored
 * (nothing about them reaches the commit tracker, so nothing is committed past the refused record); once the call has
 * room again, checked after every poll, the partition resumes and reads on from the refused record. A Kafka consumer
 * is single-threaded: all of this runs on the consumer's thread (the route, the rebalance listener, and camel-kafka's
 * consumer listener, which this is, bound with the {@code pausable} EIP).
 */
final class FullLanes extends KafkaConsumerListener {

    private static final Logger LOG = LoggerFactory.getLogger(FullLanes.class);

    /** A partition held back: the call whose lane was full, and the record it refused. */
    private record Held(String call, long offset) {
    }

    /** Whether a call has room again. */
    private final Predicate<String> hasRoom;
    /** Only touched on the consumer's thread. */
    private final Map<TopicPartition, Held> held = new HashMap<>();
    private long pauses;

    FullLanes(Predicate<String> hasRoom) {
        this.hasRoom = hasRoom;
    }

    /** Whether {@code tp} is held back: its records are read again from the refused one once it resumes. */
    boolean holds(TopicPartition tp) {
        return held.containsKey(tp);
    }

    /** The lane of {@code call} refused its record at {@code offset} of {@code tp}: holds the partition back. */
    void hold(TopicPartition tp, String call, long offset) {
        held.put(tp, new Held(call, offset));
        getConsumer().pause(List.of(tp));
        getConsumer().seek(tp, offset);
        pauses++;
        LOG.debug("Paused {} at offset {}: the lane of call {} is full ({} pauses so far)", tp, offset, call, pauses);
    }

    /** {@code tp} is no longer this instance's (revoked or lost): if it comes back, it is read afresh. */
    void forget(TopicPartition tp) {
        held.remove(tp);
    }

    /** After every poll: resumes the partitions whose calls have room again. */
    @Override
    public boolean afterConsume(Object ignored) {
        held.entrySet().removeIf(e -> {
            if (!hasRoom.test(e.getValue().call())) {
                return false;
            }
            getConsumer().resume(List.of(e.getKey()));
            return true;
        });
        return true;
    }

    /** A failed exchange pauses nothing (camel-kafka's listener would pause every partition). */
    @Override
    public boolean afterProcess(ProcessingResult result) {
        return true;
    }
}
