package io.github.camelgeminilive.component;

import java.io.IOException;
import java.io.InputStream;
import java.util.Arrays;
import java.util.function.LongSupplier;

/**
 * Silence made up as it is read (never held whole), optionally failing at an offset; records how far its reader ran
 * ahead of what the service had received.
 */
final class LazyAudio extends InputStream {

    private final long length;
    private final long failAt;
    private final LongSupplier received;
    private long served;
    private long maxLead;

    /**
     * @param length   bytes of silence
     * @param failAt   the offset at which a read fails ({@code Long.MAX_VALUE}: never)
     * @param received the bytes the service has received so far
     */
    LazyAudio(long length, long failAt, LongSupplier received) {
        this.length = length;
        this.failAt = failAt;
        this.received = received;
    }

    @Override
    public int read() throws IOException {
        byte[] one = new byte[1];
        return read(one, 0, 1) < 0 ? -1 : 0;
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
        if (len == 0) {
            return 0;
        }
        if (served >= failAt) {
            throw new IOException("disk gone");
        }
        if (served >= length) {
            return -1;
        }
        int n = (int) Math.min(len, Math.min(length, failAt) - served);
        Arrays.fill(b, off, off + n, (byte) 0);
        served += n;
        maxLead = Math.max(maxLead, served - received.getAsLong());
        return n;
    }

    /** The most bytes read but not yet received by the service, at any read. */
    long maxLead() {
        return maxLead;
    }
}
