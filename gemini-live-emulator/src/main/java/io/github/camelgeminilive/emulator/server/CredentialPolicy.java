package io.github.camelgeminilive.emulator.server;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;

/** Which credentials the emulator accepts: one configured key, or any non-empty one. Never prints the key. */
public final class CredentialPolicy {

    private final byte[] expected;

    private CredentialPolicy(String expected) {
        this.expected = expected == null ? null : expected.getBytes(StandardCharsets.UTF_8);
    }

    /** Accepts exactly {@code key}, or any non-empty credential when {@code key} is null. */
    public static CredentialPolicy of(String key) {
        return new CredentialPolicy(key == null || key.isEmpty() ? null : key);
    }

    boolean accepts(String credential) {
        if (credential == null || credential.isEmpty()) {
            return false;
        }
        return expected == null || MessageDigest.isEqual(expected, credential.getBytes(StandardCharsets.UTF_8));
    }

    @Override
    public String toString() {
        return expected == null ? "CredentialPolicy[any non-empty key]" : "CredentialPolicy[one key, hidden]";
    }
}
