package io.github.camelgeminilive.session.resilience;

import java.util.Arrays;

/**
 * Entries of a fixed number of {@code long} fields and, optionally, one object each, oldest first, known by sequence
 * number: the {@link ReplayBuffer} and {@link UnprovenAudio} keep one per frame, for seconds, with thousands of
 * sessions each writing one every 20 ms. So no object per entry (it would be copied by young collections until
 * promoted) and an entry's fields side by side in one array (one cache line to touch per frame, not one per field).
 * The arrays are made on first use and let go of by {@link #clear()} (the replay buffer clears its ring whenever it
 * holds nothing: an idle session keeps none). Not thread-safe.
 *
 * @param <T> the object an entry may carry
 */
final class RecordRing<T> {

    private static final int INITIAL_ENTRIES = 64;
    private static final long[] NO_FIELDS = {};
    private static final Object[] NO_OBJECTS = {};

    private final int width;
    /** Entry {@code seq}'s field {@code f} at {@code slot(seq) * width + f}; capacity a power of two. */
    private long[] fields = NO_FIELDS;
    /** Made with the first object set: a ring that carries none keeps no array for them. */
    private Object[] objects = NO_OBJECTS;
    private int capacity;
    private long first;
    private long next;

    /** @param width the fields of each entry */
    RecordRing(int width) {
        this.width = width;
    }

    /** The oldest entry's sequence number; {@link #next()} when empty. */
    long first() {
        return first;
    }

    /** The sequence number the next entry gets. */
    long next() {
        return next;
    }

    boolean isEmpty() {
        return first == next;
    }

    boolean contains(long seq) {
        return seq >= first && seq < next;
    }

    /** Appends an entry (all fields 0, no object); returns its sequence number. */
    long append() {
        if (next - first == capacity) {
            grow();
        }
        int base = slot(next) * width;
        Arrays.fill(fields, base, base + width, 0L);
        return next++;
    }

    long get(long seq, int field) {
        return fields[slot(seq) * width + field];
    }

    void set(long seq, int field, long value) {
        fields[slot(seq) * width + field] = value;
    }

    @SuppressWarnings("unchecked")
    T object(long seq) {
        return objects.length == 0 ? null : (T) objects[slot(seq)];
    }

    void object(long seq, T value) {
        if (objects.length == 0) {
            if (value == null) {
                return;
            }
            objects = new Object[capacity];
        }
        objects[slot(seq)] = value;
    }

    /** Removes the oldest entry (its object goes with it). */
    void removeFirst() {
        if (objects.length != 0) {
            objects[slot(first)] = null;
        }
        first++;
    }

    /** Removes every entry and lets go of the arrays. */
    void clear() {
        first = next;
        fields = NO_FIELDS;
        objects = NO_OBJECTS;
        capacity = 0;
    }

    private int slot(long seq) {
        return (int) (seq & (capacity - 1));
    }

    private void grow() {
        int to = capacity == 0 ? INITIAL_ENTRIES : capacity * 2;
        long[] newFields = new long[to * width];
        Object[] newObjects = objects.length == 0 ? NO_OBJECTS : new Object[to];
        for (long seq = first; seq < next; seq++) {
            int from = slot(seq);
            int at = (int) (seq & (to - 1));
            System.arraycopy(fields, from * width, newFields, at * width, width);
            if (newObjects.length != 0) {
                newObjects[at] = objects[from];
            }
        }
        fields = newFields;
        objects = newObjects;
        capacity = to;
    }
}
