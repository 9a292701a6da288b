package io.github.camelgeminilive.examples.kafka;

/**
 * Checks an input record before it is used: its key names a session, goes into the handle store and is logged; its
 * value is 16-bit PCM. Whatever a producer wrote is untrusted.
 */
final class InputRecords {

    /** Longest call id accepted, in characters. */
    static final int MAX_KEY_LENGTH = 128;
    /** Longest audio chunk accepted, in bytes: 1 s of 16 kHz 16-bit mono (the callers send 100 ms chunks). */
    static final int MAX_CHUNK_BYTES = 32_000;

    private InputRecords() {
    }

    /**
     * Why the record cannot be used, or null when it can: a key that is null, empty, longer than
     * {@link #MAX_KEY_LENGTH} or holds control characters; a chunk (not an end) that is empty, of odd length or longer
     * than {@link #MAX_CHUNK_BYTES}.
     */
    static String problem(String key, byte[] value, boolean end) {
        if (key == null || key.isEmpty()) {
            return "no key";
        }
        if (key.length() > MAX_KEY_LENGTH) {
            return "key of " + key.length() + " characters (at most " + MAX_KEY_LENGTH + ")";
        }
        if (key.chars().anyMatch(Character::isISOControl)) {
            return "control characters in the key";
        }
        if (end) {
            return null;
        }
        if (value == null || value.length == 0) {
            return "empty audio chunk";
        }
        if (value.length > MAX_CHUNK_BYTES) {
            return "audio chunk of " + value.length + " bytes (at most " + MAX_CHUNK_BYTES + ")";
        }
        return value.length % 2 != 0 ? "audio chunk of odd length " + value.length + " (16-bit samples)" : null;
    }
}
