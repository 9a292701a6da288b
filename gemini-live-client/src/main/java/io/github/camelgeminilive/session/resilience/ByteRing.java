package io.github.camelgeminilive.session.resilience;

import io.github.camelgeminilive.session.ResilienceOptions;

/**
 * Bytes appended at the end and let go from the start, in one array used as a ring: the {@link ReplayBuffer}
 * copies the frames it keeps here, so that a frame's own array dies young instead of living on the heap until a
 * handle covers it (seconds: long enough to be promoted, then collected as old). A position counts every byte
 * appended since the ring was made; the bytes from the start (see {@link #releaseBefore}) to {@link #end()} are
 * kept. The array is sized to what is kept, with half as much again to spare: it grows when an append would not fit,
 * and shrinks when the bytes kept stayed under half of it while as many bytes as it holds were appended (a steady
 * stream keeps its size; one burst's size is given back over the following turns, if the stream goes on; {@link
 * #clear()} gives it all back). Not a power of two: with thousands of sessions each holding seconds of audio, rounding
 * up to one would cost up to twice the memory. Made on first use: an idle session has none. Not thread-safe.
 */
final class ByteRing {

    /** The most bytes a ring holds: the replay buffer's largest bound. */
    private static final int MAX_CAPACITY = (int) ResilienceOptions.MAX_REPLAY_BUFFER_BYTES;
    private static final int MIN_CAPACITY = 16 * 1024;
    /** Capacities are whole multiples of this. */
    private static final int GRAIN = 4 * 1024;
    private static final byte[] NONE = {};

    private byte[] ring = NONE;
    private long start;
    private long end;
    /** The most bytes kept at once since the array last changed or was checked for its size. */
    private long peak;
    /** The end at which the array is next checked for its size: one turn of the ring on. */
    private long checkAt;

    /** Appends {@code bytes}; returns the position they start at. */
    long append(byte[] bytes) {
        if (bytes.length == 0) {
            return end;
        }
        long needed = end - start + bytes.length;
        if (needed > ring.length) {
            if (needed > MAX_CAPACITY) {
                throw new IllegalStateException("A ring holds at most " + MAX_CAPACITY + " bytes");
            }
            resize(roomFor(needed));
        }
        long at = end;
        int i = index(at);
        int first = Math.min(bytes.length, ring.length - i);
        System.arraycopy(bytes, 0, ring, i, first);
        System.arraycopy(bytes, first, ring, 0, bytes.length - first);
        end += bytes.length;
        peak = Math.max(peak, end - start);
        if (end >= checkAt) {
            int smaller = roomFor(peak);
            if (peak < ring.length / 2 && smaller < ring.length) {
                resize(smaller);
            } else {
                peak = end - start;
                checkAt = end + ring.length;
            }
        }
        return at;
    }

    /** A copy of the {@code length} bytes at {@code position}, which must be kept still. */
    byte[] copy(long position, int length) {
        if (position < start || position + length > end) {
            throw new IllegalArgumentException("Bytes " + position + "+" + length + " are not in the ring ["
                    + start + ", " + end + ")");
        }
        byte[] out = new byte[length];
        if (length == 0) {
            return out;
        }
        int i = index(position);
        int first = Math.min(length, ring.length - i);
        System.arraycopy(ring, i, out, 0, first);
        System.arraycopy(ring, 0, out, first, length - first);
        return out;
    }

    /** Lets go of the bytes before {@code position} (at most {@link #end()}). */
    void releaseBefore(long position) {
        start = Math.max(start, Math.min(position, end));
    }

    /** Takes back the bytes from {@code position} on (not before the start): the newest append was undone. */
    void truncate(long position) {
        end = Math.max(start, Math.min(position, end));
    }

    /** Lets go of everything, the array too. */
    void clear() {
        start = end;
        peak = 0;
        ring = NONE;
    }

    long end() {
        return end;
    }

    /** Bytes kept: from the start to {@link #end()}. */
    long size() {
        return end - start;
    }

    /** Bytes the ring's array takes. */
    int capacity() {
        return ring.length;
    }

    private int index(long position) {
        return (int) (position % ring.length);
    }

    /** A capacity for {@code bytes} kept, with half as much again to spare. */
    private static int roomFor(long bytes) {
        long room = Math.max(MIN_CAPACITY, bytes + bytes / 2);
        return (int) Math.min(MAX_CAPACITY, (room + GRAIN - 1) / GRAIN * GRAIN);
    }

    private void resize(int capacity) {
        byte[] old = ring;
        int oldStart = old.length == 0 ? 0 : (int) (start % old.length);
        int size = (int) (end - start);
        ring = new byte[capacity];
        int i = index(start);
        // two pieces at most on each side: copy byte runs that wrap neither the old ring nor the new one
        for (int done = 0; done < size;) {
            int from = (oldStart + done) % old.length;
            int to = (i + done) % capacity;
            int run = Math.min(size - done, Math.min(old.length - from, capacity - to));
            System.arraycopy(old, from, ring, to, run);
            done += run;
        }
        peak = size;
        checkAt = end + capacity;
    }
}
