package io.github.camelgeminilive.examples.kafka;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Calls whose session did not take a chunk (e.g. it could not be opened): their next chunks wait out a back-off
 * instead of each trying again (a connection attempt and a WARN per chunk). The back-off doubles per failure from
 * {@link #FIRST_BACK_OFF_NANOS} to {@link #MAX_BACK_OFF_NANOS}; a chunk the session takes ends it. At most
 * {@link #MAX_CALLS} calls are held (the least recently failed are let go: their chunks try again at once), since
 * a producer may write ever new call ids. Thread-safe.
 */
final class FailedCalls {

    static final long FIRST_BACK_OFF_NANOS = 1_000_000_000L;
    static final long MAX_BACK_OFF_NANOS = 60_000_000_000L;
    static final int MAX_CALLS = 10_000;

    private record Failure(long until, long backOff) {
    }

    private final Map<String, Failure> failures = new LinkedHashMap<>(16, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, Failure> eldest) {
            return size() > MAX_CALLS;
        }
    };

    /** Whether the call's chunks wait out a back-off at {@code now} ({@link System#nanoTime()}): not sent. */
    synchronized boolean backingOff(String call, long now) {
        Failure f = failures.get(call);
        return f != null && now - f.until() < 0;
    }

    /**
     * The call's session did not take a chunk at {@code now}: its back-off starts or doubles. Returns whether this
     * is the call's first failure since it last worked, the one to report.
     */
    synchronized boolean failed(String call, long now) {
        Failure f = failures.get(call);
        long backOff = f == null ? FIRST_BACK_OFF_NANOS : Math.min(MAX_BACK_OFF_NANOS, 2 * f.backOff());
        failures.put(call, new Failure(now + backOff, backOff));
        return f == null;
    }

    /** The call's session took a chunk, or the call is over: no back-off. */
    synchronized void clear(String call) {
        failures.remove(call);
    }
}
