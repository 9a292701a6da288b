package io.github.camelgeminilive.session;

/**
 * A {@link LiveSession} that outlives its connections: it moves to a new connection on go-away (drain, close,
 * resume, replay), reconnects with backoff after drops and 1011, and fails fast on 1007/1008. Sends made while it
 * reconnects are held and released in order. Its listener sees one event stream across connections, with
 * {@link LiveEvent.GoAwayReceived} and {@link LiveEvent.Reconnected} in it.
 */
public interface ResilientSession extends LiveSession {

    ResilienceMetrics metrics();
}
