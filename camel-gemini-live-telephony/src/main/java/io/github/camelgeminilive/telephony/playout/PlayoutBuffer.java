package io.github.camelgeminilive.telephony.playout;

import java.util.ArrayDeque;

/**
 * The G.711 audio of one call waiting to be played, cut into 20 ms frames, with the marks placed between them. A
 * ring that starts at one second and doubles as a long reply needs it, up to its capacity (so a thousand quiet
 * calls do not each hold the whole bound); when it is full, the oldest whole frames are dropped to make room.
 * Positions are byte counts since the call started, so marks keep their place while audio is dropped. Not
 * thread-safe: the call's lock guards it.
 */
public final class PlayoutBuffer {

    /** 20 ms of 8 kHz G.711. */
    public static final int FRAME_BYTES = 160;

    /** The ring's first size: 1 s. */
    private static final int INITIAL_FRAMES = 50;

    private final int capacity;
    private byte[] ring;
    private final byte silence;
    private final ArrayDeque<PendingMark> marks = new ArrayDeque<>();
    private long readPos;
    private long writePos;

    /** A mark that goes out once the audio before {@code position} has been sent. */
    public record PendingMark(long position, String name) {
    }

    /**
     * @param capacityFrames the most 20 ms frames held
     * @param silence        the codec's code for silence, the padding of a turn's last frame
     */
    public PlayoutBuffer(int capacityFrames, byte silence) {
        if (capacityFrames < 1) {
            throw new IllegalArgumentException("a playout buffer holds at least one frame");
        }
        this.capacity = capacityFrames * FRAME_BYTES;
        this.ring = new byte[Math.min(capacityFrames, INITIAL_FRAMES) * FRAME_BYTES];
        this.silence = silence;
    }

    /** Appends audio; returns how many bytes of the oldest audio were dropped to make room. */
    public int write(byte[] audio, int offset, int length) {
        int dropped = 0;
        if (buffered() + length > ring.length && ring.length < capacity) {
            grow(buffered() + length);
        }
        if (length > ring.length) { // more than the whole buffer: only its newest part can stay
            int skip = length - ring.length;
            dropped += skip;
            offset += skip;
            length -= skip;
        }
        int free = ring.length - buffered();
        if (length > free) {
            int frames = (length - free + FRAME_BYTES - 1) / FRAME_BYTES;
            int drop = (int) Math.min(buffered(), (long) frames * FRAME_BYTES);
            readPos += drop;
            dropped += drop;
        }
        for (int done = 0; done < length;) {
            int at = (int) (writePos % ring.length);
            int n = Math.min(length - done, ring.length - at);
            System.arraycopy(audio, offset + done, ring, at, n);
            done += n;
            writePos += n;
        }
        return dropped;
    }

    /** A larger ring (whole frames, at most the capacity) with the waiting audio at the same positions. */
    private void grow(long needed) {
        long size = Math.max(needed, 2L * ring.length);
        byte[] larger = new byte[(int) Math.min(capacity, (size + FRAME_BYTES - 1) / FRAME_BYTES * FRAME_BYTES)];
        for (long pos = readPos; pos < writePos;) {
            int from = (int) (pos % ring.length);
            int to = (int) (pos % larger.length);
            int n = (int) Math.min(writePos - pos, Math.min(ring.length - from, larger.length - to));
            System.arraycopy(ring, from, larger, to, n);
            pos += n;
        }
        ring = larger;
    }

    /** Places a mark after the audio written so far, first padding the last frame to a whole 20 ms. */
    public void mark(String name) {
        int partial = (int) (buffered() % FRAME_BYTES);
        if (partial != 0) {
            int pad = FRAME_BYTES - partial;
            for (int i = 0; i < pad; i++) { // a frame's room is always free: the ring holds whole frames
                ring[(int) (writePos++ % ring.length)] = silence;
            }
        }
        marks.add(new PendingMark(writePos, name));
    }

    /** Whether a whole frame is waiting. */
    public boolean hasFrame() {
        return buffered() >= FRAME_BYTES;
    }

    /** Moves the next frame into {@code frame} (FRAME_BYTES long); call only when {@link #hasFrame()}. */
    public void readFrame(byte[] frame) {
        for (int done = 0; done < FRAME_BYTES;) {
            int at = (int) (readPos % ring.length);
            int n = Math.min(FRAME_BYTES - done, ring.length - at);
            System.arraycopy(ring, at, frame, done, n);
            done += n;
            readPos += n;
        }
    }

    /** The next mark whose audio has all been sent, removed; null when none is due. */
    public PendingMark dueMark() {
        PendingMark next = marks.peek();
        return next != null && next.position() <= readPos ? marks.poll() : null;
    }

    /** Drops all waiting audio and marks (barge-in); returns the audio bytes dropped. */
    public int clear() {
        int dropped = buffered();
        readPos = writePos;
        marks.clear();
        return dropped;
    }

    public int buffered() {
        return (int) (writePos - readPos);
    }
}
