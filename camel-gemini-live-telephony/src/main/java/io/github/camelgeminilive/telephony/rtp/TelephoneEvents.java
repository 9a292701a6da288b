package io.github.camelgeminilive.telephony.rtp;

/**
 * RFC 4733 telephone-events of one caller turned into key presses: an event is sent in several packets with the
 * same timestamp (and its end three times); the first packet of each reports it, the others are repeats. Not
 * thread-safe: one call's receiving thread uses it.
 */
public final class TelephoneEvents {

    /** A payload that is not a telephone-event (shorter than 4 bytes). */
    public static final int INVALID = -1;
    /** A repeat of an event reported already, or an event that is not a key. */
    public static final int NONE = 0;

    private static final String KEYS = "0123456789*#ABCD";

    private boolean seen;
    private long lastTimestamp;

    /** The key ('0'-'9', '*', '#', 'A'-'D') a packet starts, {@link #NONE} or {@link #INVALID}. */
    public int read(byte[] data, int offset, int length, long timestamp) {
        if (length < 4) {
            return INVALID;
        }
        if (seen && timestamp == lastTimestamp) {
            return NONE;
        }
        seen = true;
        lastTimestamp = timestamp;
        int event = data[offset] & 0xFF;
        return event < KEYS.length() ? KEYS.charAt(event) : NONE;
    }
}
