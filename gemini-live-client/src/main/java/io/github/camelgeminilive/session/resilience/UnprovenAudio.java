package io.github.camelgeminilive.session.resilience;

/**
 * Audio frames a handle was only estimated to cover (see {@link ReplayCoverage}), oldest first, until a read proof
 * covers them or a resume reports them as possibly lost; all of the current connection (a takeover reports and
 * forgets them). Only where each frame was written, its size and its audio length are kept, not the message, which
 * can no longer be replayed and would otherwise stay on the heap until a read proof covers it. Bounded like the
 * {@link ReplayBuffer} (a proof that never comes must not grow it); what the bounds force out stays possibly lost.
 * Not thread-safe: the resilient session guards it.
 */
final class UnprovenAudio {

    private static final int INITIAL_CAPACITY = 64;

    private final long maxBytes;
    private final long maxAudioNanos;
    // a ring of parallel arrays (no object per frame), made on first use: an idle session has none
    private int[] connections = RingColumns.NO_INTS;
    private long[] indexes = RingColumns.NO_LONGS;
    private long[] bytes = RingColumns.NO_LONGS;
    private long[] audioNanos = RingColumns.NO_LONGS;
    // frames by sequence number, from first (the oldest) to next (exclusive)
    private long first;
    private long next;
    private long totalBytes;
    private long totalAudioNanos;
    /** Audio the bounds forced out unproven: possibly lost whatever a later proof says. */
    private long forgottenNanos;

    UnprovenAudio(long maxBytes, long maxAudioNanos) {
        this.maxBytes = maxBytes;
        this.maxAudioNanos = maxAudioNanos;
    }

    /** Remembers a frame of {@code frameBytes} with {@code nanos} of audio, message {@code index} of a connection. */
    void add(int connection, long index, long frameBytes, long nanos) {
        if (next - first == indexes.length) {
            grow();
        }
        int tail = slot(next++);
        connections[tail] = connection;
        indexes[tail] = index;
        bytes[tail] = frameBytes;
        audioNanos[tail] = nanos;
        totalBytes += frameBytes;
        totalAudioNanos += nanos;
        while (first < next && (totalBytes > maxBytes || totalAudioNanos > maxAudioNanos)) {
            forgottenNanos += removeFirst();
        }
    }

    /** A proof: the service read the messages of {@code connection} up to index {@code last}. */
    void provenUpTo(int connection, long last) {
        while (first < next && connections[slot(first)] == connection && indexes[slot(first)] <= last) {
            removeFirst();
        }
    }

    /** The audio no proof covered, in nanoseconds, since the last call; forgets it all. */
    long takePossiblyLostNanos() {
        long possiblyLost = totalAudioNanos + forgottenNanos;
        first = next;
        totalBytes = 0;
        totalAudioNanos = 0;
        forgottenNanos = 0;
        return possiblyLost;
    }

    /** Removes the oldest frame; returns its audio in nanoseconds. */
    private long removeFirst() {
        int i = slot(first++);
        totalBytes -= bytes[i];
        totalAudioNanos -= audioNanos[i];
        return audioNanos[i];
    }

    private int slot(long seq) {
        return (int) (seq & (indexes.length - 1));
    }

    private void grow() {
        int capacity = indexes.length == 0 ? INITIAL_CAPACITY : indexes.length * 2;
        connections = RingColumns.resize(connections, first, next, capacity);
        indexes = RingColumns.resize(indexes, first, next, capacity);
        bytes = RingColumns.resize(bytes, first, next, capacity);
        audioNanos = RingColumns.resize(audioNanos, first, next, capacity);
    }
}
