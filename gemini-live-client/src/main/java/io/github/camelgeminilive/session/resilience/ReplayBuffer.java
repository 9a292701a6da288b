package io.github.camelgeminilive.session.resilience;

import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
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
 * collections and promoted. So nothing is kept per message but its numbers in a {@link RecordRing} (where its frame
 * is, its size, audio, connection, index and input position), and its frame's bytes in a {@link ByteRing}; the message
 * itself (the caller's future) only while its future may still have to be failed: until its write is known to have
 * completed (from the connection's count of written frames: the message is not touched for that), or its entry goes.
 * An entry is known by its sequence number. The rings' arrays go when the buffer holds nothing (all covered): a
 * session that stopped sending keeps none. The byte bound counts the ring's bytes, which include those of a message
 * the connection refused ({@link #discard}) until the messages before it go, unless it was the newest (refused as it
 * was written: its bytes are taken back). Not thread-safe: the resilient session guards it.
 */
final class ReplayBuffer {

    /** A message to write again: its entry, its frame, and its future when that has not completed yet. */
    record Replay(long seq, EncodedFrame frame, OutboundMessage message) {
    }

    private static final int POSITION = 0;
    private static final int SIZE = 1;
    private static final int AUDIO = 2;
    private static final int CONNECTION = 3;
    private static final int INDEX = 4;
    private static final int INPUT_POSITION = 5;
    /** The size of a refused message's entry: a hole, skipped by replays and coverage. */
    private static final int DISCARDED = -1;

    private final long maxBytes;
    /** Long.MAX_VALUE: no bound on audio length. */
    private final long maxAudioNanos;
    private final ByteRing frames = new ByteRing();
    /** The entries, oldest first, each with its message while that may have to be failed. */
    private final RecordRing<OutboundMessage> entries = new RecordRing<>(6);
    /** Audio trimmed by an estimate, not proven covered yet. */
    private final UnprovenAudio unproven;
    /** The entries before this one carry no message: their writes are known to have completed (or they are holes). */
    private long settledBefore;
    /** Messages a bound forced out, to be told by {@link #tellForgotten()}. */
    private final Deque<OutboundMessage> forgottenUntold = new ArrayDeque<>();
    private boolean untold;
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
     * {@code connection}, until a handle covers it; the oldest go beyond a bound. {@code written}: the first messages
     * of {@code connection}, all written (their futures complete, or completed, by the write's callback: the buffer
     * need not keep them; see {@link Link#writtenInOrder()}).
     */
    void add(OutboundMessage m, EncodedFrame frame, int connection, long index, long written) {
        while (!entries.isEmpty()
                && (frames.size() + m.bytes > maxBytes || audioNanos + m.audioNanos > maxAudioNanos)) {
            forget();
        }
        settle(connection, written);
        long seq = entries.append();
        entries.set(seq, POSITION, frames.append(frame.utf8()));
        entries.set(seq, SIZE, m.bytes);
        entries.set(seq, AUDIO, m.audioNanos);
        entries.set(seq, CONNECTION, connection);
        entries.set(seq, INDEX, index);
        entries.set(seq, INPUT_POSITION, m.inputPosition);
        entries.object(seq, m);
        m.seq = seq;
        audioNanos += m.audioNanos;
    }

    /** Lets go of the messages whose write on {@code connection} is known to have completed, in write order. */
    private void settle(int connection, long written) {
        long seq = Math.max(settledBefore, entries.first());
        for (; seq < entries.next(); seq++) {
            if (entries.object(seq) != null) {
                if (entries.get(seq, CONNECTION) != connection || entries.get(seq, INDEX) >= written) {
                    break;
                }
                entries.object(seq, null);
            }
        }
        settledBefore = seq;
    }

    /** The entry {@code seq} is written again, as message {@code index} of connection {@code connection}. */
    void rewritten(long seq, int connection, long index) {
        if (entries.contains(seq)) {
            entries.set(seq, CONNECTION, connection);
            entries.set(seq, INDEX, index);
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
        while (!entries.isEmpty()) {
            long seq = entries.first();
            if (entries.get(seq, CONNECTION) != connection || entries.get(seq, INDEX) > last) {
                return;
            }
            coveredPosition = Math.max(coveredPosition, entries.get(seq, INPUT_POSITION));
            long audio = entries.get(seq, AUDIO);
            if (estimated && audio > 0) {
                unproven.add(connection, entries.get(seq, INDEX), entries.get(seq, SIZE), audio);
            }
            OutboundMessage m = entries.object(seq);
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
        return entries.isEmpty() ? coveredPosition
                : Math.max(-1, Math.min(coveredPosition, entries.get(entries.first(), INPUT_POSITION) - 1));
    }

    /**
     * Forgets the entry {@code seq}, which the connection refused: it must not be replayed either. {@code lost}: no
     * caller hears of the refusal (a replay of a message whose future completed when it was first written), so its
     * audio counts as lost, like a message a bound forced out.
     */
    void discard(long seq, boolean lost) {
        if (!holds(seq)) {
            return;
        }
        long audio = entries.get(seq, AUDIO);
        audioNanos -= audio;
        if (lost) {
            forgottenMessages++;
            lostNanos += audio;
        }
        entries.object(seq, null);
        if (seq == entries.next() - 1) {
            frames.truncate(entries.get(seq, POSITION)); // refused as it was written: nothing after it in the ring
        }
        entries.set(seq, AUDIO, 0);
        entries.set(seq, SIZE, DISCARDED);
        if (seq == entries.first()) {
            removeFirst();
        }
    }

    /** Whether the entry {@code seq} is here to be replayed (not covered, forced out or refused). */
    boolean holds(long seq) {
        return entries.contains(seq) && entries.get(seq, SIZE) != DISCARDED;
    }

    /** The messages to write again on a new connection, oldest first (they stay here until covered). */
    List<Replay> toReplay() {
        List<Replay> again = new ArrayList<>((int) (entries.next() - entries.first()));
        for (long seq = entries.first(); seq < entries.next(); seq++) {
            int size = (int) entries.get(seq, SIZE);
            if (size == DISCARDED) {
                continue;
            }
            OutboundMessage m = entries.object(seq);
            long audio = entries.get(seq, AUDIO);
            again.add(new Replay(seq, new EncodedFrame(frames.copy(entries.get(seq, POSITION), size), audio,
                    List.of()), m != null && !m.isDone() ? m : null));
        }
        return again;
    }

    /** Audio held now, in nanoseconds. */
    long audioNanos() {
        return audioNanos;
    }

    /**
     * Messages (audio or not) forced out by the bounds before a handle covered them, and replays the connection
     * refused of messages written before, since the start.
     */
    long forgottenMessages() {
        return forgottenMessages;
    }

    /** Audio of the messages {@link #forgottenMessages()} counts, since the last call, in nanoseconds. */
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
        List<OutboundMessage> open = new ArrayList<>();
        for (long seq = entries.first(); seq < entries.next(); seq++) {
            OutboundMessage m = entries.object(seq);
            if (m != null && !m.isDone()) {
                open.add(m);
            }
        }
        forgottenUntold.clear();
        untold = false;
        entries.clear();
        releaseFrames();
        unproven.takePossiblyLostNanos();
        audioNanos = 0;
        return open;
    }

    /** A bound forces out the oldest entry: its audio is lost, and its future fails if its write failed too. */
    private void forget() {
        long seq = entries.first();
        forgottenMessages++;
        lostNanos += entries.get(seq, AUDIO);
        OutboundMessage m = entries.object(seq);
        removeFirst();
        if (m != null && !m.isDone()) {
            forgottenUntold.addLast(m);
            untold = true;
        }
    }

    /**
     * Tells the messages a bound forced out that they are: those whose write failed fail. Called by the outbox after
     * the write that forced them out was started, as failing a future runs its caller's code, which may send again:
     * that send must follow the one that forced the message out, and find the buffer whole.
     */
    void tellForgotten() {
        if (!untold) {
            return; // the common case, decided without touching the queue
        }
        untold = false;
        for (OutboundMessage m; (m = forgottenUntold.pollFirst()) != null;) {
            m.forgotten();
        }
    }

    /** Removes the oldest entry, and the holes refused messages left right behind it. */
    private void removeFirst() {
        audioNanos -= entries.get(entries.first(), AUDIO);
        entries.removeFirst();
        while (!entries.isEmpty() && entries.get(entries.first(), SIZE) == DISCARDED) {
            entries.removeFirst();
        }
        releaseFrames();
    }

    /** The ring keeps the bytes from the oldest entry on, and no arrays when there is none. */
    private void releaseFrames() {
        if (entries.isEmpty()) {
            frames.clear();
            entries.clear();
        } else {
            frames.releaseBefore(entries.get(entries.first(), POSITION));
        }
    }
}
