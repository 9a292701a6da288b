package io.github.camelgeminilive.session;

/** What happens to a send when the queue of sends held during a reconnect is full. */
public enum OverflowPolicy {
    /** The new send fails with a {@link LiveSessionException}; nothing queued is lost. */
    FAIL,
    /** The oldest held send is dropped (its future fails) and counted in the metrics; the new one is queued. */
    DROP_OLDEST
}
