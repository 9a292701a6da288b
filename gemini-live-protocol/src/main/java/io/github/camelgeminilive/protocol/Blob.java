package io.github.camelgeminilive.protocol;

import java.util.Arrays;
import java.util.Objects;

/** Inline bytes with their MIME type; {@code data} travels as standard padded base64. */
public record Blob(String mimeType, byte[] data) {

    /** Blobs compare by content, not by array identity. */
    @Override
    public boolean equals(Object o) {
        return o instanceof Blob b && Objects.equals(mimeType, b.mimeType) && Arrays.equals(data, b.data);
    }

    @Override
    public int hashCode() {
        return 31 * Objects.hashCode(mimeType) + Arrays.hashCode(data);
    }

    @Override
    public String toString() {
        return "Blob[mimeType=" + mimeType + ", bytes=" + (data == null ? 0 : data.length) + "]";
    }
}
