package io.github.camelgeminilive.session;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * Where the newest resumption handle of a session is kept, by session key, so a restarted application can resume
 * the conversation within the handle's validity (about 2 hours). Implementations must be thread-safe. A resilient
 * session calls {@link #save} on the client's pool, never on an I/O thread, one save at a time per session and in
 * the order the handles came, so a store may write a file or a database.
 */
public interface ResumptionHandleStore {

    Optional<StoredHandle> load(String key);

    void save(String key, StoredHandle handle);

    void remove(String key);

    /**
     * A handle, when the service issued it, and the highest input position it covers: every message sent with an
     * {@link ResilientSession#inputPosition} at or below it is in the handle's state (-1: none is known to be).
     */
    record StoredHandle(String handle, Instant issuedAt, long inputPosition) {

        /** How long after it was issued a handle resumes its session: documented as about 2 hours. */
        public static final Duration VALIDITY = Duration.ofHours(2);

        /** A handle covering no known input position. */
        public StoredHandle(String handle, Instant issuedAt) {
            this(handle, issuedAt, -1);
        }
    }
}
