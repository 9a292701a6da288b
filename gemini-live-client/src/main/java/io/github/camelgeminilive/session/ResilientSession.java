package io.github.camelgeminilive.session;

/**
 * A {@link LiveSession} that outlives its connections: it moves to a new connection on go-away (drain, close,
 * resume, replay), reconnects with backoff after drops and 1011, and fails fast on 1007/1008. Sends made while it
 * reconnects are held and released in order; messages the resumed state lacks are replayed, so no audio is lost.
 * Its listener sees one event stream across connections, with {@link LiveEvent.GoAwayReceived} and
 * {@link LiveEvent.Reconnected} in it and a single {@link LiveEvent.Closed} at the end. {@link #isOpen()} stays
 * true while it reconnects; {@link #sessionId()} and {@link #resumptionHandle()} follow the newest connection.
 * See the client README for the faults handled and the guarantees.
 */
public interface ResilientSession extends LiveSession {

    /**
     * Tags the messages sent after this call (until the next call) with {@code position}: where in its source
     * (e.g. a Kafka offset) their input came from, ascending. Each stored handle then tells the highest position
     * it covers wholly ({@link ResumptionHandleStore.StoredHandle#inputPosition()}), so a source can be
     * acknowledged up to there and another process resuming the handle re-reads exactly what the handle lacks.
     * Call it from the one thread that sends, before the sends of that input.
     */
    void inputPosition(long position);
}
