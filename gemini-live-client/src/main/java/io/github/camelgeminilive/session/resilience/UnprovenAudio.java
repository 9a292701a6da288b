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
    private static final int[] NO_INTS = {};
    private static final long[] NO_LONGS = {};

    private final long maxBytes;
    private final long maxAudioNanos;
    // a ring of parallel arrays (no object per frame), made on first use: an idle session has none
    private int[] connections = NO_INTS;
    private long[] indexes = NO_LONGS;
    private long[] bytes = NO_LONGS;
    private long[] audioNanos = NO_LONGS;
    private int head;
    private int size;
    private long totalBytes;
    private long totalAudioNanos;
    /** Audio the bounds forced out unproven: possibly lost whatever a later proof says. */
    private long forgottenNanos;

    UnprovenAudio(long maxBytes, long maxAudioNanos) {
        this.maxBytes = maxBytes;
        this.maxAudioNanos = maxAudioNanos;
    }

    /** Remembers {@code m}, written as message {@code m.index} of connection {@code m.connection}. */
    void add(OutboundMessage m) {
        if (size == indexes.length) {
            grow();
        }
        int tail = (head + size) % indexes.length;
        connections[tail] = m.connection;
        indexes[tail] = m.index;
        bytes[tail] = m.bytes;
        audioNanos[tail] = m.audioNanos;
        size++;
        totalBytes += m.bytes;
        totalAudioNanos += m.audioNanos;
        while (size > 0 && (totalBytes > maxBytes || totalAudioNanos > maxAudioNanos)) {
            forgottenNanos += removeFirst();
        }
    }

    /** A proof: the service read the messages of {@code connection} up to index {@code last}. */
    void provenUpTo(int connection, long last) {
        while (size > 0 && connections[head] == connection && indexes[head] <= last) {
            removeFirst();
        }
    }

    /** The audio no proof covered, in nanoseconds, since the last call; forgets it all. */
    long takePossiblyLostNanos() {
        long possiblyLost = totalAudioNanos + forgottenNanos;
        head = 0;
        size = 0;
        totalBytes = 0;
        totalAudioNanos = 0;
        forgottenNanos = 0;
        return possiblyLost;
    }

    /** Removes the oldest frame; returns its audio in nanoseconds. */
    private long removeFirst() {
        long nanos = audioNanos[head];
        totalBytes -= bytes[head];
        totalAudioNanos -= nanos;
        head = (head + 1) % indexes.length;
        size--;
        return nanos;
    }

    private void grow() {
        int n = indexes.length;
        int capacity = n == 0 ? INITIAL_CAPACITY : n * 2;
        int[] c = new int[capacity];
        long[] i = new long[capacity];
        long[] b = new long[capacity];
        long[] a = new long[capacity];
        for (int k = 0; k < size; k++) {
            int from = (head + k) % n;
            c[k] = connections[from];
            i[k] = indexes[from];
            b[k] = bytes[from];
            a[k] = audioNanos[from];
        }
        connections = c;
        indexes = i;
        bytes = b;
        audioNanos = a;
        head = 0;
    }
}
