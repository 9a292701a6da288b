package io.github.camelgeminilive.component;

/**
 * The latest connect outcomes of an endpoint's sessions, for its health check: a session that cannot connect, or
 * gives up, may be forgotten at once (a keyed one), so the endpoint remembers the failure until a session of it
 * connects again.
 */
final class ConnectOutcomes implements SessionObserver {

    private long lastSuccessMillis;
    private long lastFailureMillis;
    private long failuresSinceSuccess;
    private String lastError;

    @Override
    public synchronized void connected() {
        lastSuccessMillis = System.currentTimeMillis();
        failuresSinceSuccess = 0;
    }

    @Override
    public synchronized void failed(Throwable cause) {
        lastFailureMillis = System.currentTimeMillis();
        failuresSinceSuccess++;
        lastError = cause.getMessage(); // the client's texts never carry the API key
    }

    /** The outcomes now: failing while a failure is newer than every success. */
    synchronized Snapshot snapshot() {
        return new Snapshot(failuresSinceSuccess > 0, failuresSinceSuccess, lastFailureMillis, lastSuccessMillis,
                lastError);
    }

    /**
     * @param failing             the latest outcome was a failure
     * @param failuresSinceSuccess failures since the latest success
     * @param lastFailureMillis   wall-clock time of the latest failure, 0 if none
     * @param lastSuccessMillis   wall-clock time of the latest success, 0 if none
     * @param lastError           the latest failure's message, or null
     */
    record Snapshot(boolean failing, long failuresSinceSuccess, long lastFailureMillis, long lastSuccessMillis,
            String lastError) {
    }
}
