package io.github.camelgeminilive.telephony.rtp;

import java.util.Arrays;

/**
 * The caller's audio packets of one call put back in order by sequence number. A packet is handed on as soon as
 * every earlier one has been; a missing one is waited for until {@code reorderWindow} later packets are held, then
 * given up and filled with silence, as long as the timestamps say it lasted. Bounded: {@code capacity} packets of at
 * most {@code maxPayload} bytes, allocated once; a packet too far ahead restarts the order from it (the caller's
 * stream jumped). Not thread-safe: one call's receiving thread uses it.
 */
public final class JitterBuffer {

    /** What became of an offered packet. */
    public enum Offer {
        /** Held until its turn. */
        STORED,
        /** Its turn had passed (already handed on or given up): dropped. */
        LATE,
        /** Held already: dropped. */
        DUPLICATE,
        /** Larger than the buffer's slots: dropped. */
        TOO_LARGE,
        /** So far ahead (or after a run of late ones) that the held packets were dropped and the order restarts. */
        RESTARTED
    }

    private final int mask;
    private final int reorderWindow;
    private final int maxPayload;
    private final byte silence;
    private final byte[][] slots;
    private final int[] lengths;
    private final int[] sequences;
    private final long[] timestamps;
    private boolean started;
    private int next;
    private long nextTimestamp;
    /** How far after {@code next} the furthest held packet is; -1 when none is held. */
    private int furthest = -1;
    private int held;
    private int lastLength;
    private int lateInARow;
    private long gapsFilled;
    private long restarts;
    private long droppedHeld;

    /**
     * @param capacity      packets held at most, a power of two (64 holds 1.28 s of 20 ms packets)
     * @param reorderWindow later packets that must be held before a missing one is given up
     * @param maxPayload    the largest payload a slot holds
     * @param silence       the codec's code for silence, the filling of a gap
     */
    public JitterBuffer(int capacity, int reorderWindow, int maxPayload, byte silence) {
        if (capacity < 2 || Integer.bitCount(capacity) != 1 || capacity > 1024) {
            throw new IllegalArgumentException("capacity must be a power of two from 2 to 1024, got " + capacity);
        }
        if (reorderWindow < 1 || reorderWindow >= capacity) {
            throw new IllegalArgumentException("reorderWindow must be 1 to capacity - 1, got " + reorderWindow);
        }
        this.mask = capacity - 1;
        this.reorderWindow = reorderWindow;
        this.maxPayload = maxPayload;
        this.silence = silence;
        this.slots = new byte[capacity][maxPayload];
        this.lengths = new int[capacity];
        this.sequences = new int[capacity];
        this.timestamps = new long[capacity];
        Arrays.fill(lengths, -1);
    }

    /** Offers a packet's payload (copied). */
    public Offer offer(int sequence, long timestamp, byte[] data, int offset, int length) {
        if (length > maxPayload) {
            return Offer.TOO_LARGE;
        }
        if (!started) {
            started = true;
            next = sequence;
            nextTimestamp = timestamp;
        }
        int ahead = (short) (sequence - next); // sequence numbers wrap at 2^16
        Offer result = Offer.STORED;
        if (ahead < 0 && ++lateInARow <= mask) {
            return Offer.LATE;
        }
        lateInARow = 0;
        if (ahead < 0 || ahead > mask) { // far ahead, or behind for a whole buffer's worth: the sender started over
            restart(sequence, timestamp);
            ahead = 0;
            result = Offer.RESTARTED;
        }
        int slot = sequence & mask;
        if (lengths[slot] >= 0) {
            return Offer.DUPLICATE; // a held packet in this slot is always this sequence: the slots span the window
        }
        System.arraycopy(data, offset, slots[slot], 0, length);
        lengths[slot] = length;
        sequences[slot] = sequence;
        timestamps[slot] = timestamp;
        held++;
        furthest = Math.max(furthest, ahead);
        return result;
    }

    /**
     * Moves the next payload in order into {@code out} (at least maxPayload long): a held packet, or silence for
     * a packet given up. Returns its length, or -1 when the next one is not due yet.
     */
    public int poll(byte[] out) {
        if (held == 0) {
            return -1;
        }
        int slot = next & mask;
        int length;
        if (lengths[slot] >= 0) {
            length = lengths[slot];
            System.arraycopy(slots[slot], 0, out, 0, length);
            nextTimestamp = timestamps[slot] + length;
            lengths[slot] = -1;
            held--;
        } else if (furthest >= reorderWindow) {
            length = gapLength();
            Arrays.fill(out, 0, length, silence);
            nextTimestamp += length;
            gapsFilled++;
        } else {
            return -1;
        }
        lastLength = length;
        next = (next + 1) & 0xFFFF;
        furthest = held == 0 ? -1 : furthest - 1;
        return length;
    }

    /** The samples (8 kHz G.711: bytes) of a missing packet: the time to the next held one, shared out. */
    private int gapLength() {
        for (int ahead = 1; ahead <= furthest; ahead++) {
            int slot = (next + ahead) & mask;
            if (lengths[slot] >= 0) {
                long span = (timestamps[slot] - nextTimestamp) & 0xFFFFFFFFL;
                long each = span / ahead;
                return (int) Math.min(each, maxPayload);
            }
        }
        return lastLength;
    }

    /** Forgets everything: the next packet offered starts the order (a new stream, another SSRC). */
    public void reset() {
        dropHeld();
        furthest = -1;
        lateInARow = 0;
        started = false;
    }

    private void restart(int sequence, long timestamp) {
        dropHeld();
        furthest = -1;
        next = sequence;
        nextTimestamp = timestamp;
        restarts++;
    }

    /** A reset or restart forgets the held packets: counted, as anything dropped is. */
    private void dropHeld() {
        droppedHeld += held;
        Arrays.fill(lengths, -1);
        held = 0;
    }

    /** Held packets dropped by a reset or restart, never handed on. */
    public long droppedHeld() {
        return droppedHeld;
    }

    /** Packets given up and filled with silence. */
    public long gapsFilled() {
        return gapsFilled;
    }

    /** Times the order restarted because a packet came too far ahead. */
    public long restarts() {
        return restarts;
    }

    /** Packets held now. */
    public int held() {
        return held;
    }
}
