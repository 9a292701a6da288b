package io.github.camelgeminilive.emulator.server;

import java.util.Arrays;

/**
 * The audio samples in a session's state as one connection's client messages arrive: what the state held when the
 * connection began plus the samples of its messages, looked up by message index so that a handle covering messages
 * {@code 0..k} captures exactly those. Thread-safe.
 *
 * <p>Entries below the newest captured index are released: the model issues handles with non-decreasing indices.
 */
final class AudioLedger {

    private final long base;
    // inState[i] = samples in state after message first + i
    private long[] inState = new long[64];
    private long first;
    private int size;
    private long floor; // samples in state after message first - 1

    /** A ledger for a connection that starts from a state holding {@code base} samples. */
    AudioLedger(long base) {
        this.base = base;
        this.floor = base;
    }

    /** Records message {@code index} (the next one: indices count up from 0) and its samples. */
    synchronized void record(long index, long samples) {
        if (index != first + size) {
            throw new IllegalStateException("Message " + index + " recorded out of order, expected " + (first + size));
        }
        if (size == inState.length) {
            inState = Arrays.copyOf(inState, size * 2);
        }
        inState[size] = now() + samples;
        size++;
    }

    /** Samples in state now: every message recorded so far included. */
    synchronized long now() {
        return size == 0 ? floor : inState[size - 1];
    }

    /**
     * Samples in the state covering messages {@code 0..lastIndex} ({@code -1}: none of this connection's); releases
     * the entries before {@code lastIndex}.
     *
     * @throws IllegalArgumentException for a message not recorded yet or already released
     */
    synchronized long captureThrough(long lastIndex) {
        if (lastIndex < 0) {
            if (first > 0) {
                throw new IllegalArgumentException("A handle before message 0 after one for message " + (first - 1));
            }
            return base;
        }
        if (lastIndex < first - 1 || lastIndex >= first + size) {
            throw new IllegalArgumentException("No ledger entry for message " + lastIndex + " (have " + (first - 1)
                    + ".." + (first + size - 1) + ")");
        }
        if (lastIndex == first - 1) {
            return floor;
        }
        int at = (int) (lastIndex - first);
        long captured = inState[at];
        // keep the captured entry as the floor: a later handle may cover the same index
        floor = captured;
        int keep = size - at - 1;
        System.arraycopy(inState, at + 1, inState, 0, keep);
        first = lastIndex + 1;
        size = keep;
        return captured;
    }
}
