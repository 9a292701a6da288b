package io.github.camelgeminilive.session.resilience;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.Executor;

import io.github.camelgeminilive.session.ResumptionHandleStore;
import io.github.camelgeminilive.session.ResumptionHandleStore.StoredHandle;

/**
 * The resumption handle a resilient session resumes with: the newest resumable one, when it was issued, and
 * whether the service refused it (then the next connection starts a fresh session). Handles are saved to the
 * {@link ResumptionHandleStore} on every resumable update and kept when the session closes, so an application
 * restarted within the handle's validity resumes the conversation. Saving runs on {@code saves}, one at a time and
 * in order (the newest handle is saved last), never on the thread that read the update: that is an I/O thread, and a
 * store may write a file or a database. Not thread-safe: guarded by the resilient session's lock.
 */
final class ResumptionHandles {

    static final Duration VALIDITY = StoredHandle.VALIDITY;

    private final ResumptionHandleStore store;
    /** Null: handles are not stored. */
    private final String key;
    private final Clock clock;
    private final Executor saves;
    private String handle;
    private Instant issuedAt;
    /** The highest input position the handle covers (see {@link StoredHandle}); -1: none. */
    private long inputPosition = -1;
    /** The service refused the handle: the next connection starts a fresh session. */
    private boolean fresh;

    /** @param saves runs the store's saves, one at a time and in order */
    ResumptionHandles(ResumptionHandleStore store, String key, Clock clock, Executor saves) {
        this.store = store;
        this.key = key;
        this.clock = clock;
        this.saves = saves;
    }

    /** Starts from the stored handle, if there is one still valid. */
    void load() {
        if (key != null) {
            store.load(key).filter(h -> valid(h.issuedAt())).ifPresent(h -> {
                handle = h.handle();
                issuedAt = h.issuedAt();
                inputPosition = h.inputPosition();
            });
        }
    }

    /**
     * A resumable update gave {@code newHandle}, covering the inputs up to {@code coveredPosition} (-1: none of
     * this session's): resume with it from now on, and store it. What a loaded handle covered stays covered.
     */
    void issued(String newHandle, long coveredPosition) {
        handle = newHandle;
        issuedAt = clock.instant();
        inputPosition = Math.max(inputPosition, coveredPosition);
        fresh = false;
        if (key != null) {
            StoredHandle stored = new StoredHandle(handle, issuedAt, inputPosition);
            saves.execute(() -> store.save(key, stored));
        }
    }

    /** The handle to resume with: null when there is none, it has expired, or the service refused it. */
    String usable() {
        return handle != null && !fresh && (issuedAt == null || valid(issuedAt)) ? handle : null;
    }

    /** The service refused the handle: the next connection starts a fresh session. */
    void refused() {
        fresh = true;
    }

    /** The current connection started a fresh session (the service refused the handle). */
    boolean fresh() {
        return fresh;
    }

    /** The newest handle, usable or not. */
    String current() {
        return handle;
    }

    private boolean valid(Instant issued) {
        return issued.plus(VALIDITY).isAfter(clock.instant());
    }
}
