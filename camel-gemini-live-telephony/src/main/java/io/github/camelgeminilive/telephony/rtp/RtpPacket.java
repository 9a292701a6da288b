package io.github.camelgeminilive.telephony.rtp;

/**
 * One RTP packet's header fields (RFC 3550), read from a datagram into this reusable holder, or written before a
 * payload. Not thread-safe: one per reading or writing thread.
 */
public final class RtpPacket {

    /** The fixed header: version, flags, payload type, sequence number, timestamp, SSRC. */
    public static final int HEADER_BYTES = 12;

    private int payloadType;
    private boolean marker;
    private int sequence;
    private long timestamp;
    private long ssrc;
    private int payloadOffset;
    private int payloadLength;

    /**
     * Reads the header of {@code length} bytes of {@code data}; false (fields undefined) when they are not an RTP
     * version 2 packet whose CSRCs, extension and padding fit in it.
     */
    public boolean read(byte[] data, int length) {
        if (length < HEADER_BYTES || (data[0] & 0xC0) != 0x80) {
            return false;
        }
        int offset = HEADER_BYTES + 4 * (data[0] & 0x0F);
        if ((data[0] & 0x10) != 0) { // header extension: 4 bytes, then its length in 32-bit words
            if (offset + 4 > length) {
                return false;
            }
            offset += 4 + 4 * (((data[offset + 2] & 0xFF) << 8) | (data[offset + 3] & 0xFF));
        }
        int end = length;
        if ((data[0] & 0x20) != 0) { // padding: its length is the last byte
            end -= data[length - 1] & 0xFF;
        }
        if (offset > end) {
            return false;
        }
        marker = (data[1] & 0x80) != 0;
        payloadType = data[1] & 0x7F;
        sequence = ((data[2] & 0xFF) << 8) | (data[3] & 0xFF);
        timestamp = readInt(data, 4);
        ssrc = readInt(data, 8);
        payloadOffset = offset;
        payloadLength = end - offset;
        return true;
    }

    /** Writes a 12-byte header (no CSRC, extension or padding) at the start of {@code out}. */
    public static void writeHeader(byte[] out, int payloadType, boolean marker, int sequence, long timestamp,
            long ssrc) {
        out[0] = (byte) 0x80;
        out[1] = (byte) ((marker ? 0x80 : 0) | (payloadType & 0x7F));
        out[2] = (byte) (sequence >>> 8);
        out[3] = (byte) sequence;
        writeInt(out, 4, timestamp);
        writeInt(out, 8, ssrc);
    }

    private static long readInt(byte[] data, int at) {
        return ((long) (data[at] & 0xFF) << 24) | ((data[at + 1] & 0xFF) << 16) | ((data[at + 2] & 0xFF) << 8)
                | (data[at + 3] & 0xFF);
    }

    private static void writeInt(byte[] out, int at, long value) {
        out[at] = (byte) (value >>> 24);
        out[at + 1] = (byte) (value >>> 16);
        out[at + 2] = (byte) (value >>> 8);
        out[at + 3] = (byte) value;
    }

    public int payloadType() {
        return payloadType;
    }

    public boolean marker() {
        return marker;
    }

    /** 0 to 65535. */
    public int sequence() {
        return sequence;
    }

    /** 0 to 2^32 - 1. */
    public long timestamp() {
        return timestamp;
    }

    public long ssrc() {
        return ssrc;
    }

    public int payloadOffset() {
        return payloadOffset;
    }

    public int payloadLength() {
        return payloadLength;
    }
}
