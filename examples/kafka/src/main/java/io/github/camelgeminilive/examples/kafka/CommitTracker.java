package io.github.camelgeminilive.examples.kafka;

import java.util.ArrayDeque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;

import org.apache.kafka.common.TopicPartition;

/**
 * Which input offsets may be committed: only those every call's stored resumption handle covers, so that the next
 * owner of a partition re-reads exactly what the resumed sessions lack. Per partition, the offset to commit is the
 * oldest chunk sent to a session and not yet covered by its stored handle, or past the last record processed when
 * every chunk is covered. Thread-safe: the route's consumer thread reports records, the handle store reports
 * coverage.
 */
public final class CommitTracker {

    private final Map<TopicPartition, Partition> partitions = new HashMap<>();
    /** The highest input offset each call's stored handle covers. */
    private final Map<String, Long> covered = new HashMap<>();
    /** The highest input offset each call's session here was sent. */
    private final Map<String, Long> sentUpTo = new HashMap<>();
    private final Map<String, TopicPartition> callPartitions = new HashMap<>();

    private static final class Partition {
        /** One past the newest record processed. */
        long next = -1;
        long committed = -1;
        /** Per call: the offsets sent to its session and not covered yet, ascending. */
        final Map<String, ArrayDeque<Long>> waiting = new HashMap<>();
        /**
         * Per call: its oldest chunk that never reached the session. No handle covers it (a later chunk's handle
         * says nothing of it), so it holds commits back until the call ends or the partition moves.
         */
        final Map<String, Long> failed = new HashMap<>();
    }

    /**
     * Whether the call's session already has the chunk at {@code offset}: its stored handle covers it (re-read after
     * a takeover), or it was sent to the session here (re-read after a rebalance gave the partition back).
     */
    public synchronized boolean has(String call, long offset) {
        return offset <= Math.max(covered.getOrDefault(call, -1L), sentUpTo.getOrDefault(call, -1L));
    }

    /** Whether this instance has seen {@code call} before. */
    public synchronized boolean knows(String call) {
        return callPartitions.containsKey(call);
    }

    /** The chunk at {@code offset} goes to the call's session now: it must be covered before it is committed. */
    public synchronized void sent(TopicPartition tp, String call, long offset) {
        Partition p = partition(tp);
        callPartitions.put(call, tp);
        sentUpTo.merge(call, offset, Math::max);
        if (offset > covered.getOrDefault(call, -1L)) {
            p.waiting.computeIfAbsent(call, c -> new ArrayDeque<>()).addLast(offset);
        }
        p.next = Math.max(p.next, offset + 1);
    }

    /** The record at {@code offset} needs no handle (re-read and covered, or the end of a call). */
    public synchronized void done(TopicPartition tp, String call, long offset) {
        callPartitions.put(call, tp);
        dropped(tp, offset);
    }

    /** The record at {@code offset} belongs to no call (it was dropped as malformed): it holds nothing back. */
    public synchronized void dropped(TopicPartition tp, long offset) {
        Partition p = partition(tp);
        p.next = Math.max(p.next, offset + 1);
    }

    /**
     * The chunk at {@code offset}, reported {@link #sent}, did not reach the call's session (its exchange failed):
     * nothing is committed past it, whatever the call's later handles cover, so that the next owner reads it again.
     */
    public synchronized void failed(TopicPartition tp, String call, long offset) {
        partition(tp).failed.merge(call, offset, Math::min);
    }

    /** The call is over: what it sent needs no handle any more, and nothing of it is kept. */
    public synchronized void ended(String call) {
        TopicPartition tp = callPartitions.remove(call);
        if (tp != null) {
            Partition p = partition(tp);
            p.waiting.remove(call);
            p.failed.remove(call);
        }
        sentUpTo.remove(call);
        covered.remove(call);
    }

    /** A handle covering the call's chunks up to {@code position} is stored (or was found on taking it over). */
    public synchronized void covered(String call, long position) {
        if (position < 0) {
            return;
        }
        covered.merge(call, position, Math::max);
        TopicPartition tp = callPartitions.get(call);
        ArrayDeque<Long> waiting = tp == null ? null : partition(tp).waiting.get(call);
        while (waiting != null && !waiting.isEmpty() && waiting.peekFirst() <= position) {
            waiting.removeFirst();
        }
    }

    /** The offset to commit for {@code tp}, when it is beyond the one committed last. */
    public synchronized OptionalLong toCommit(TopicPartition tp) {
        Partition p = partition(tp);
        long offset = p.next;
        for (ArrayDeque<Long> w : p.waiting.values()) {
            if (!w.isEmpty()) {
                offset = Math.min(offset, w.peekFirst());
            }
        }
        for (long f : p.failed.values()) {
            offset = Math.min(offset, f);
        }
        return offset > p.committed ? OptionalLong.of(offset) : OptionalLong.empty();
    }

    /** The calls of {@code tp} that have a session here: sent to and not ended. */
    public synchronized List<String> calls(TopicPartition tp) {
        return sentUpTo.keySet().stream().filter(c -> tp.equals(callPartitions.get(c))).sorted().toList();
    }

    /**
     * {@code tp} is no longer this instance's: forgets its records and its calls but for what their stored handles
     * cover, so that if it comes back, its calls are taken over from the handle store like any other.
     */
    public synchronized void forget(TopicPartition tp) {
        partitions.remove(tp);
        callPartitions.values().removeIf(tp::equals);
        sentUpTo.keySet().retainAll(callPartitions.keySet());
    }

    public synchronized void committed(TopicPartition tp, long offset) {
        Partition p = partition(tp);
        p.committed = Math.max(p.committed, offset);
    }

    private Partition partition(TopicPartition tp) {
        return partitions.computeIfAbsent(tp, t -> new Partition());
    }
}
