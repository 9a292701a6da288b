package io.github.camelgeminilive.session.resilience;

/**
 * The columns of a ring of parallel arrays (one array per field, no object per entry), as the {@link ReplayBuffer}
 * and {@link UnprovenAudio} keep their entries: an entry is known by its sequence number, held in slot
 * {@code seq & (length - 1)} of arrays whose length is a power of two.
 */
final class RingColumns {

    /** The columns of a ring that holds nothing yet: an idle session keeps no arrays. */
    static final int[] NO_INTS = {};
    static final long[] NO_LONGS = {};

    private RingColumns() {
    }

    /** {@code column}'s entries {@code first} to {@code next} (exclusive) in a new array of {@code capacity}. */
    static long[] resize(long[] column, long first, long next, int capacity) {
        long[] to = new long[capacity];
        for (long seq = first; seq < next; seq++) {
            to[(int) (seq & (capacity - 1))] = column[(int) (seq & (column.length - 1))];
        }
        return to;
    }

    /** {@code column}'s entries {@code first} to {@code next} (exclusive) in a new array of {@code capacity}. */
    static int[] resize(int[] column, long first, long next, int capacity) {
        int[] to = new int[capacity];
        for (long seq = first; seq < next; seq++) {
            to[(int) (seq & (capacity - 1))] = column[(int) (seq & (column.length - 1))];
        }
        return to;
    }
}
