package io.github.camelgeminilive.session.resilience;

import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.function.Predicate;

import io.github.camelgeminilive.session.connection.EncodedFrame;

/**
 * The client messages written after the newest resumption handle, oldest first, bounded by bytes and by audio
 * length. A handle trims the messages its state covers; a resume replays the rest. When a bound forces out a
 * message no handle covered yet, its audio counts as lost (possibly too high: a later handle might have covered
 * it). Messages a handle was only taken to cover (by the time estimate, see {@link ReplayCoverage}) leave the buffer,
 * but their audio is remembered ({@link UnprovenAudio}) until a proof covers it: if the connection ends first, it
 * counts as possibly lost. The messages' frames are kept as bytes in a {@link ByteRing}, not as their own arrays:
 * they live for seconds, until a handle comes. The ring's array goes when the buffer holds nothing (all covered):
 * a session that stopped sending keeps none. The byte bound counts the ring's bytes, which include those of a
 * message the connection refused ({@link #discard}) until the messages before it go, unless it was the newest
 * (refused as it was written: its bytes are taken back). Not thread-safe: the resilient session guards it.
 */
final class ReplayBuffer {

    private final long maxBytes;
    /** Long.MAX_VALUE: no bound on audio length. */
    private final long maxAudioNanos;
    private final Deque<OutboundMessage> messages = new ArrayDeque<>();
    private final ByteRing frames = new ByteRing();
    /** Audio trimmed by an estimate, not proven covered yet. */
    private final UnprovenAudio unproven;
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

    /** Keeps {@code m}, whose frame is {@code frame}, until a handle covers it; the oldest go beyond a bound. */
    void add(OutboundMessage m, EncodedFrame frame) {
        while (!messages.isEmpty()
                && (frames.size() + m.bytes > maxBytes || audioNanos + m.audioNanos > maxAudioNanos)) {
            OutboundMessage forgotten = removeFirst();
            forgotten.forgotten();
            forgottenMessages++;
            lostNanos += forgotten.audioNanos;
        }
        m.replayPosition = frames.append(frame.utf8());
        messages.addLast(m);
        audioNanos += m.audioNanos;
    }

    /** The frame of {@code m}, a message held here, as it was written first. */
    EncodedFrame frame(OutboundMessage m) {
        return new EncodedFrame(frames.copy(m.replayPosition, m.bytes), m.audioNanos, List.of());
    }

    /**
     * A handle covers the messages written on {@code connection} up to index {@code last}. Messages are kept in
     * write order and replays re-write them, so the covered ones are at the head.
     */
    void covered(int connection, long last) {
        unproven.provenUpTo(connection, last);
        trim(m -> m.upTo(connection, last), false);
    }

    /**
     * A handle is taken to cover the messages that pass {@code estimated}, which holds for a prefix of the write
     * order (e.g. written by a time on the handle's connection); not proof: the audio it trims stays possibly lost
     * until a later {@link #covered} proves it.
     */
    void estimatedCovered(Predicate<OutboundMessage> estimated) {
        trim(estimated, true);
    }

    private void trim(Predicate<OutboundMessage> covered, boolean estimated) {
        while (!messages.isEmpty() && covered.test(messages.peekFirst())) {
            OutboundMessage m = removeFirst();
            coveredPosition = Math.max(coveredPosition, m.inputPosition);
            if (estimated && m.audioNanos > 0) {
                unproven.add(m);
            }
        }
    }

    /**
     * The highest input position whose messages the handles have covered, all of them: a position whose first
     * message is covered but whose next is still held here is not covered yet. -1: none.
     */
    long coveredInputPosition() {
        OutboundMessage head = messages.peekFirst();
        return head == null ? coveredPosition : Math.max(-1, Math.min(coveredPosition, head.inputPosition - 1));
    }

    /** Forgets a message the connection refused (its caller's send failed): it must not be replayed either. */
    void discard(OutboundMessage m) {
        boolean newest = messages.peekLast() == m;
        if (messages.removeLastOccurrence(m)) {
            audioNanos -= m.audioNanos;
            if (newest) {
                frames.truncate(m.replayPosition);
            }
            releaseFrames();
        }
    }

    /**
     * The messages to write again on a new connection, oldest first (they stay here until covered); their frames
     * are {@link #frame}.
     */
    List<OutboundMessage> toReplay() {
        return List.copyOf(messages);
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

    /** Forgets everything: the caller's futures are failed by the session. */
    List<OutboundMessage> clear() {
        List<OutboundMessage> all = List.copyOf(messages);
        messages.clear();
        frames.clear();
        unproven.takePossiblyLostNanos();
        audioNanos = 0;
        return all;
    }

    private OutboundMessage removeFirst() {
        OutboundMessage m = messages.removeFirst();
        audioNanos -= m.audioNanos;
        releaseFrames();
        return m;
    }

    /** The ring keeps the bytes from the oldest message held on, and no array when there is none. */
    private void releaseFrames() {
        OutboundMessage oldest = messages.peekFirst();
        if (oldest == null) {
            frames.clear();
        } else {
            frames.releaseBefore(oldest.replayPosition);
        }
    }
}
