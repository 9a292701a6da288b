package io.github.camelgeminilive.session.resilience;

import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.Iterator;
import java.util.List;

import io.github.camelgeminilive.session.connection.EncodedFrame;

/**
 * The client messages written after the newest resumption handle, oldest first, bounded by bytes and by audio
 * length. A handle trims the messages its state covers; a resume replays the rest. When a bound forces out a
 * message no handle covered yet, its audio counts as lost (possibly too high: a later handle might have covered
 * it). Messages a handle was only taken to cover (by the time estimate, see {@link ReplayCoverage}) leave the buffer,
 * but their audio is remembered ({@link UnprovenAudio}) until a proof covers it: if the connection ends first, it
 * counts as possibly lost.
 *
 * <p>Messages live here for seconds, until a handle comes: long enough for objects to be copied by several young
 * collections and promoted. So nothing is kept per message but numbers in parallel arrays used as a ring (where
 * its frame is, its size, audio, connection, index and input position), and its frame's bytes in a {@link ByteRing};
 * the message itself (the caller's future) only while its future may still have to be failed: until its entry goes,
 * or it completed and no older one is open. An entry is known by its sequence number. The ring's arrays go when the
 * buffer holds nothing (all covered): a session that stopped sending keeps none. The byte bound counts the ring's
 * bytes, which include those of a message the connection refused ({@link #discard}) until the messages before it go,
 * unless it was the newest (refused as it was written: its bytes are taken back). Not thread-safe: the resilient
 * session guards it.
 */
final class ReplayBuffer {

    /** A message to write again: its entry, its frame, and its future when that has not completed yet. */
    record Replay(long seq, EncodedFrame frame, OutboundMessage message) {
    }

    private static final int INITIAL_ENTRIES = 64;
    /** The size of a refused message's entry: a hole, skipped by replays and coverage. */
    private static final int DISCARDED = -1;

    private final long maxBytes;
    /** Long.MAX_VALUE: no bound on audio length. */
    private final long maxAudioNanos;
    private final ByteRing frames = new ByteRing();
    /** Audio trimmed by an estimate, not proven covered yet. */
    private final UnprovenAudio unproven;
    // entries by sequence number, from first (the oldest) to next (exclusive); made on first use
    private long[] positions = RingColumns.NO_LONGS;
    private int[] sizes = RingColumns.NO_INTS;
    private long[] audio = RingColumns.NO_LONGS;
    private int[] connections = RingColumns.NO_INTS;
    private long[] indexes = RingColumns.NO_LONGS;
    private long[] inputPositions = RingColumns.NO_LONGS;
    private long first;
    private long next;
    /** The kept messages whose future may not have completed, by sequence number: their loss must fail them. */
    private final Deque<OutboundMessage> unsettled = new ArrayDeque<>();
    /** Messages a bound forced out, to be told by {@link #tellForgotten()}. */
    private final Deque<OutboundMessage> forgottenUntold = new ArrayDeque<>();
    // audio as nanoseconds, not Duration: these change with every frame, and a Duration sum allocates
    private long audioNanos;
    private long lostNanos;
    private long forgottenMessages;
    /** The highest input position among the messages a handle covered; -1: none. */
    private long coveredPosition = -1;

    /** @param maxAudio null: no bound on audio length */
    ReplayBuffer(long maxBytes, Duration maxAudio) {
        this.maxBytes = maxBytes;
        this.maxAudioNanos = maxAudio == null ? Long.MAX_VALUE : maxAudio.toNanos();
        // the same bounds as the buffer's: proof that never comes must not keep audio without end
        this.unproven = new UnprovenAudio(maxBytes, maxAudioNanos);
    }

    /**
     * Keeps {@code m}, whose frame is {@code frame}, written as message {@code index} of connection
     * {@code connection}, until a handle covers it; the oldest go beyond a bound.
     */
    void add(OutboundMessage m, EncodedFrame frame, int connection, long index) {
        while (first < next && (frames.size() + m.bytes > maxBytes || audioNanos + m.audioNanos > maxAudioNanos)) {
            forget();
        }
        while (!unsettled.isEmpty() && unsettled.peekFirst().isDone()) {
            unsettled.removeFirst();
        }
        if (next - first == sizes.length) {
            grow();
        }
        int i = slot(next);
        positions[i] = frames.append(frame.utf8());
        sizes[i] = m.bytes;
        audio[i] = m.audioNanos;
        connections[i] = connection;
        indexes[i] = index;
        inputPositions[i] = m.inputPosition;
        m.seq = next++;
        unsettled.addLast(m);
        audioNanos += m.audioNanos;
    }

    /** The entry {@code seq} is written again, as message {@code index} of connection {@code connection}. */
    void rewritten(long seq, int connection, long index) {
        if (seq >= first && seq < next) {
            connections[slot(seq)] = connection;
            indexes[slot(seq)] = index;
        }
    }

    /** A handle covers the messages written on {@code connection} up to index {@code last}. */
    void covered(int connection, long last) {
        unproven.provenUpTo(connection, last);
        trim(connection, last, false);
    }

    /**
     * A handle is taken to cover the messages written on {@code connection} up to index {@code last}, by an estimate
     * (e.g. written by a time); not proof: the audio it trims stays possibly lost until a later {@link #covered}
     * proves it.
     */
    void estimatedCovered(int connection, long last) {
        trim(connection, last, true);
    }

    /**
     * Messages are kept in write order and replays re-write them in that order, so the covered ones are at the head
     * (the holes refused messages left go with the entry before them).
     */
    private void trim(int connection, long last, boolean estimated) {
        while (first < next) {
            int i = slot(first);
            if (connections[i] != connection || indexes[i] > last) {
                return;
            }
            coveredPosition = Math.max(coveredPosition, inputPositions[i]);
            if (estimated && audio[i] > 0) {
                unproven.add(connections[i], indexes[i], sizes[i], audio[i]);
            }
            OutboundMessage m = dropUnsettledThrough(first);
            if (m != null) {
                m.covered(); // its future completes by its write's callback, or as written should that fail
            }
            removeFirst();
        }
    }

    /**
     * The highest input position whose messages the handles have covered, all of them: a position whose first
     * message is covered but whose next is still held here is not covered yet. -1: none.
     */
    long coveredInputPosition() {
        return first == next ? coveredPosition
                : Math.max(-1, Math.min(coveredPosition, inputPositions[slot(first)] - 1));
    }

    /**
     * Forgets the entry {@code seq}, which the connection refused (the caller's send failed): it must not be
     * replayed either.
     */
    void discard(long seq) {
        if (seq < first || seq >= next || sizes[slot(seq)] == DISCARDED) {
            return;
        }
        int i = slot(seq);
        audioNanos -= audio[i];
        unsettled.removeIf(m -> m.seq == seq);
        if (seq == next - 1) {
            frames.truncate(positions[i]); // refused as it was written: nothing after it in the ring
        }
        audio[i] = 0;
        sizes[i] = DISCARDED;
        if (seq == first) {
            removeFirst();
        }
    }

    /** The messages to write again on a new connection, oldest first (they stay here until covered). */
    List<Replay> toReplay() {
        List<Replay> again = new ArrayList<>((int) (next - first));
        Iterator<OutboundMessage> open = unsettled.iterator();
        OutboundMessage pending = open.hasNext() ? open.next() : null;
        for (long seq = first; seq < next; seq++) {
            int i = slot(seq);
            while (pending != null && pending.seq < seq) {
                pending = open.hasNext() ? open.next() : null;
            }
            if (sizes[i] == DISCARDED) {
                continue;
            }
            OutboundMessage m = pending != null && pending.seq == seq && !pending.isDone() ? pending : null;
            again.add(new Replay(seq, new EncodedFrame(frames.copy(positions[i], sizes[i]), audio[i], List.of()), m));
        }
        return again;
    }

    /** Audio held now, in nanoseconds. */
    long audioNanos() {
        return audioNanos;
    }

    /** Messages (audio or not) forced out by the bounds before a handle covered them, since the start. */
    long forgottenMessages() {
        return forgottenMessages;
    }

    /** Audio forced out by the bounds since the last call, in nanoseconds. */
    long takeLostNanos() {
        long l = lostNanos;
        lostNanos = 0;
        return l;
    }

    /**
     * Audio that only an estimate took as covered and no proof confirmed, in nanoseconds: lost if the service read
     * it later than the estimate assumed. Called when a new connection takes over: the resumed state has it or not.
     */
    long takePossiblyLostNanos() {
        return unproven.takePossiblyLostNanos();
    }

    /** Forgets everything; returns the messages whose future is still open, for the session to fail. */
    List<OutboundMessage> clear() {
        List<OutboundMessage> open = unsettled.stream().filter(m -> !m.isDone()).toList();
        unsettled.clear();
        forgottenUntold.clear();
        first = next;
        releaseFrames();
        unproven.takePossiblyLostNanos();
        audioNanos = 0;
        return open;
    }

    /** A bound forces out the oldest entry: its audio is lost, and its future fails if its write failed too. */
    private void forget() {
        int i = slot(first);
        forgottenMessages++;
        lostNanos += audio[i];
        OutboundMessage m = dropUnsettledThrough(first);
        removeFirst();
        if (m != null) {
            forgottenUntold.addLast(m);
        }
    }

    /**
     * Tells the messages a bound forced out that they are: those whose write failed fail. Called by the outbox after
     * the write that forced them out was started, as failing a future runs its caller's code, which may send again:
     * that send must follow the one that forced the message out, and find the buffer whole.
     */
    void tellForgotten() {
        for (OutboundMessage m; (m = forgottenUntold.pollFirst()) != null;) {
            m.forgotten();
        }
    }

    /**
     * Lets go of the open futures up to entry {@code seq} (before it: none but done ones in practice); returns that
     * entry's, or null.
     */
    private OutboundMessage dropUnsettledThrough(long seq) {
        OutboundMessage last = null;
        while (!unsettled.isEmpty() && unsettled.peekFirst().seq <= seq) {
            last = unsettled.removeFirst();
        }
        return last != null && last.seq == seq ? last : null;
    }

    /** Removes the oldest entry, and the holes refused messages left right behind it. */
    private void removeFirst() {
        audioNanos -= audio[slot(first)];
        first++;
        while (first < next && sizes[slot(first)] == DISCARDED) {
            first++;
        }
        releaseFrames();
    }

    /** The ring keeps the bytes from the oldest entry on, and no arrays when there is none. */
    private void releaseFrames() {
        if (first == next) {
            frames.clear();
            releaseEntries();
        } else {
            frames.releaseBefore(positions[slot(first)]);
        }
    }

    private void releaseEntries() {
        positions = RingColumns.NO_LONGS;
        sizes = RingColumns.NO_INTS;
        audio = RingColumns.NO_LONGS;
        connections = RingColumns.NO_INTS;
        indexes = RingColumns.NO_LONGS;
        inputPositions = RingColumns.NO_LONGS;
    }

    private int slot(long seq) {
        return (int) (seq & (sizes.length - 1));
    }

    private void grow() {
        int capacity = sizes.length == 0 ? INITIAL_ENTRIES : sizes.length * 2;
        positions = RingColumns.resize(positions, first, next, capacity);
        sizes = RingColumns.resize(sizes, first, next, capacity);
        audio = RingColumns.resize(audio, first, next, capacity);
        connections = RingColumns.resize(connections, first, next, capacity);
        indexes = RingColumns.resize(indexes, first, next, capacity);
        inputPositions = RingColumns.resize(inputPositions, first, next, capacity);
    }
}
