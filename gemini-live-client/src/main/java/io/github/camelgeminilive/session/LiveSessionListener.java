package io.github.camelgeminilive.session;

/**
 * Receives the events of one session, one at a time and in order, on the session's event executor (never on the
 * WebSocket I/O thread). The last event of a session is {@link LiveEvent.Closed}.
 */
@FunctionalInterface
public interface LiveSessionListener {

    void onEvent(LiveEvent event);
}
