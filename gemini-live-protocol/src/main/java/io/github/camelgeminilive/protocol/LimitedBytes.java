package io.github.camelgeminilive.protocol;

import java.io.IOException;
import java.io.OutputStream;

import com.fasterxml.jackson.core.util.ByteArrayBuilder;

/**
 * Collects written bytes up to a limit and fails the write that would pass it, so an oversized message fails once it
 * reaches the limit instead of growing towards an array size that overflows.
 */
final class LimitedBytes extends OutputStream {

    private final ByteArrayBuilder bytes = new ByteArrayBuilder();
    private final int limit;
    private boolean exceeded;

    LimitedBytes(int limit) {
        this.limit = limit;
    }

    @Override
    public void write(int b) throws IOException {
        reserve(1);
        bytes.write(b);
    }

    @Override
    public void write(byte[] b, int off, int len) throws IOException {
        reserve(len);
        bytes.write(b, off, len);
    }

    private void reserve(int len) throws IOException {
        if (exceeded || len > limit - bytes.size()) {
            exceeded = true;
            throw new IOException("over the limit of " + limit + " bytes");
        }
    }

    /** True once a write was refused. */
    boolean exceeded() {
        return exceeded;
    }

    byte[] toByteArray() {
        return bytes.toByteArray();
    }
}
