package io.github.camelgeminilive.protocol;

/**
 * A new resumption handle. {@code resumable: false} (empty handle) while a turn or tool call is in flight;
 * {@code lastConsumedClientMessageIndex} only in transparent mode.
 */
public record SessionResumptionUpdate(String newHandle, Boolean resumable, Long lastConsumedClientMessageIndex) {

    public boolean isResumable() {
        return Boolean.TRUE.equals(resumable);
    }
}
