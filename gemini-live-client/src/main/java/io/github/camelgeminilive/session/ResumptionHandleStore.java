package io.github.camelgeminilive.session;

import java.time.Instant;
import java.util.Optional;

/**
 * Where the newest resumption handle of a session is kept, by session key, so a restarted application can resume
 * the conversation within the handle's validity (about 2 hours). Implementations must be thread-safe.
 */
public interface ResumptionHandleStore {

    Optional<StoredHandle> load(String key);

    void save(String key, StoredHandle handle);

    void remove(String key);

    /** A handle and when the service issued it. */
    record StoredHandle(String handle, Instant issuedAt) {
    }
}
