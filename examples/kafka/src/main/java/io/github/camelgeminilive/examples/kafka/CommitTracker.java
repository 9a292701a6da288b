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
        /**
         * The first record processed since the partition became this instance's: the group had committed up to
         * it, so nothing before it is committed again, whatever a late report of an earlier ownership says.
         */
        final long first;
        /** One past the newest record processed. */
        long next;
        long committed;
        /** Per call: the offsets sent to its session and not covered yet, ascending. */
        final Map<String, ArrayDeque<Long>> waiting = new HashMap<>();
        /**
         * Per call: its oldest chunk that never reached the session. No handle covers it (a later chunk's handle
         * says nothing of it), so it holds commits back until the call ends or the partition moves.
         */
        final Map<String, Long> failed = new HashMap<>();
        /** Per call that ended here: the offset of its end record, whose end marker is stored. */
        final Map<String, Long> ends = new HashMap<>();

        Partition(long first) {
            this.first = first;
            this.next = first;
            this.committed = first;
        }
    }

    /**
     * Whether the call's session already has the chunk at {@code offset}: its stored handle covers it (re-read after
     * a takeover), or it was sent to the session here (read again by this instance's consumer).
     */
    public synchronized boolean has(String call, long offset) {
        return offset <= Math.max(covered.getOrDefault(call, -1L), sentUpTo.getOrDefault(call, -1L));
    }

    /** Whether this instance has seen {@code call} before (since its partition became this instance's). */
    public synchronized boolean knows(String call) {
        return callPartitions.containsKey(call);
    }

    /**
     * First sight of {@code call} here, at the record {@code offset} of {@code tp}: its stored handle (stored by
     * whichever instance had it before) covers its chunks up to {@code position} (-1: none).
     */
    public synchronized void found(TopicPartition tp, String call, long offset, long position) {
        partition(tp, offset);
        callPartitions.put(call, tp);
        if (position >= 0) {
            covered.put(call, position);
        }
    }

    /** The chunk at {@code offset} goes to the call's session now: it must be covered before it is committed. */
    public synchronized void sent(TopicPartition tp, String call, long offset) {
        Partition p = partition(tp, offset);
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
        Partition p = partition(tp, offset);
        p.next = Math.max(p.next, offset + 1);
    }

    /**
     * The chunk at {@code offset}, reported {@link #sent}, did not reach the call's session (its exchange failed):
     * nothing is committed past it, whatever the call's later handles cover, so that the next owner reads it again.
     * A report that comes after the partition moved away (and maybe back) concerns an earlier ownership: ignored.
     */
    public synchronized void failed(TopicPartition tp, String call, long offset) {
        Partition p = partitions.get(tp);
        if (p != null && offset >= p.first && tp.equals(callPartitions.get(call))) {
            p.failed.merge(call, offset, Math::min);
        }
    }

    /** The call is over: what it sent needs no handle any more, and nothing of it is kept. */
    public synchronized void ended(String call) {
        TopicPartition tp = callPartitions.remove(call);
        Partition p = tp == null ? null : partitions.get(tp);
        if (p != null) {
            p.waiting.remove(call);
            p.failed.remove(call);
        }
        sentUpTo.remove(call);
        covered.remove(call);
    }

    /**
     * A handle covering the call's chunks up to {@code position} is stored. Ignored for a call this instance no
     * longer has (ended, or its partition moved): a late save must not leave state behind.
     */
    public synchronized void covered(String call, long position) {
        TopicPartition tp = callPartitions.get(call);
        Partition p = tp == null ? null : partitions.get(tp);
        if (position < 0 || p == null) {
            return;
        }
        covered.merge(call, position, Math::max);
        ArrayDeque<Long> waiting = p.waiting.get(call);
        while (waiting != null && !waiting.isEmpty() && waiting.peekFirst() <= position) {
            waiting.removeFirst();
        }
    }

    /** The offset to commit for {@code tp}, when it is beyond the one committed last. */
    public synchronized OptionalLong toCommit(TopicPartition tp) {
        Partition p = partitions.get(tp);
        if (p == null) {
            return OptionalLong.empty();
        }
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
     * {@code tp} is no longer this instance's: forgets its records and everything of its calls, so that if it comes
     * back, it starts afresh from the group's committed offset and its calls are taken over from the handle store
     * like any other.
     */
    public synchronized void forget(TopicPartition tp) {
        partitions.remove(tp);
        callPartitions.values().removeIf(tp::equals);
        sentUpTo.keySet().retainAll(callPartitions.keySet());
        covered.keySet().retainAll(callPartitions.keySet());
    }

    /**
     * The call's end marker (its end record at {@code offset} of {@code tp}) is written: once the committed offset
     * passes it, no owner reads the call's records again, and the marker can go (see {@link #endsPassed}).
     */
    public synchronized void endMarked(TopicPartition tp, String call, long offset) {
        Partition p = partitions.get(tp);
        if (p != null) {
            p.ends.merge(call, offset, Math::max);
        }
    }

    /** The calls of {@code tp} whose end records the committed offset passed: forgotten here, to be removed. */
    public synchronized List<String> endsPassed(TopicPartition tp) {
        Partition p = partitions.get(tp);
        if (p == null || p.ends.isEmpty()) {
            return List.of();
        }
        List<String> passed = p.ends.entrySet().stream().filter(e -> e.getValue() < p.committed)
                .map(Map.Entry::getKey).sorted().toList();
        p.ends.keySet().removeAll(passed);
        return passed;
    }

    public synchronized void committed(TopicPartition tp, long offset) {
        Partition p = partitions.get(tp);
        if (p != null) {
            p.committed = Math.max(p.committed, offset);
        }
    }

    /** The partition's state; the first record reported after it became this instance's starts it. */
    private Partition partition(TopicPartition tp, long offset) {
        return partitions.computeIfAbsent(tp, t -> new Partition(offset));
    }
}
