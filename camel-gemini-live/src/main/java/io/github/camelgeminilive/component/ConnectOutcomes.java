package io.github.camelgeminilive.component;

import java.time.Duration;
import java.util.function.LongSupplier;

import io.github.camelgeminilive.session.LiveSessionException;

/**
 * The latest connect outcomes of an endpoint's sessions, for its health check and meters. A keyed session that cannot
 * connect is forgotten at once, so the endpoint remembers the failure: it is failing while a failure newer than
 * every success is at most {@link #WINDOW} old. Not for ever: a producer that is not ready gets no calls (Kubernetes
 * sends it no traffic), so no call could connect and clear it; after the window the next call tries again and a
 * failure makes it failing again. A refusal (close code 1007 or 1008) answers one call's request, not the service's
 * state: it is counted but never makes the endpoint failing.
 */
final class ConnectOutcomes implements SessionObserver {

    /** How long a connect failure keeps the endpoint failing when no session connects after it. */
    static final Duration WINDOW = Duration.ofSeconds(30);

    private final long windowNanos;
    private final LongSupplier nanoTime;
    private long lastFailureNanos;
    private long lastFailureMillis;
    private long failuresSinceSuccess;
    private long connectFailures;
    private String lastError;

    ConnectOutcomes() {
        this(WINDOW, System::nanoTime);
    }

    /** @param nanoTime the clock of the window ({@link System#nanoTime()}; tests pass their own) */
    ConnectOutcomes(Duration window, LongSupplier nanoTime) {
        this.windowNanos = window.toNanos();
        this.nanoTime = nanoTime;
    }

    @Override
    public synchronized void connected() {
        failuresSinceSuccess = 0;
    }

    @Override
    public synchronized void connectFailed(Throwable cause) {
        connectFailures++;
        failed(cause);
    }

    @Override
    public synchronized void failed(Throwable cause) {
        if (cause instanceof LiveSessionException e && SharedLiveSession.refused(e.closeCode())) {
            return;
        }
        lastFailureNanos = nanoTime.getAsLong();
        lastFailureMillis = System.currentTimeMillis();
        failuresSinceSuccess++;
        lastError = cause.getMessage(); // the client's texts never carry the API key
    }

    /** First connects of sessions that failed, refusals included (a failed reconnect counts in the session). */
    synchronized long connectFailures() {
        return connectFailures;
    }

    /** The outcomes now. */
    synchronized Snapshot snapshot() {
        boolean failing = failuresSinceSuccess > 0 && nanoTime.getAsLong() - lastFailureNanos < windowNanos;
        return new Snapshot(failing, failuresSinceSuccess, lastFailureMillis, lastError);
    }

    /**
     * @param failing              a failure newer than every success is at most {@link #WINDOW} old
     * @param failuresSinceSuccess failures since the latest success (refusals not counted)
     * @param lastFailureMillis    wall-clock time of the latest failure, 0 if none
     * @param lastError            the latest failure's message, or null
     */
    record Snapshot(boolean failing, long failuresSinceSuccess, long lastFailureMillis, String lastError) {
    }
}
