package io.github.camelgeminilive.emulator.server;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;
import java.util.HashMap;
import java.util.Map;

/**
 * The concurrent-session quota: how many sessions each key has open, and the refusal past the limit. A session
 * holds its place from its setup until its connection is gone (a frozen connection keeps it, as a half-open one
 * does at the service until its keepalive gives up). Keys are held as digests only. Thread-safe.
 */
final class SessionQuota {

    private final int limit;
    private final Map<String, Integer> open = new HashMap<>();

    /** A quota of {@code limit} sessions per key; 0 for none. */
    SessionQuota(int limit) {
        this.limit = limit;
    }

    /** What identifies a key here without keeping it. */
    static String keyOf(String credential) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256")
                    .digest((credential == null ? "" : credential).getBytes(StandardCharsets.UTF_8));
            return Base64.getEncoder().encodeToString(digest);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing from this JVM", e);
        }
    }

    /** Takes a place for a new session of {@code key}; false when the key has all its sessions open. */
    synchronized boolean tryAcquire(String key) {
        if (limit == 0) {
            return true;
        }
        int held = open.getOrDefault(key, 0);
        if (held >= limit) {
            return false;
        }
        open.put(key, held + 1);
        return true;
    }

    /** Gives back a place taken by {@link #tryAcquire}. */
    synchronized void release(String key) {
        if (limit == 0) {
            return;
        }
        open.computeIfPresent(key, (k, held) -> held <= 1 ? null : held - 1);
    }

    /** The close frame's reason for a refused session: the service's 1011 with RESOURCE_EXHAUSTED. */
    ProtocolViolation refusal() {
        return new ProtocolViolation(ProtocolViolation.INTERNAL, "RESOURCE_EXHAUSTED: You exceeded your current "
                + "quota of concurrent sessions (" + limit + "). Please check your plan and billing details.");
    }
}
