package io.github.camelgeminilive.component;

import java.time.Duration;
import java.util.function.Supplier;

/**
 * Hears, from an endpoint's sessions, what observability needs beyond each session's own counters: connects and
 * their failures (the health check) and the two latencies timed per event (the meters). Called on event threads,
 * once per connect, turn or reconnect: never per frame.
 */
interface SessionObserver {

    /** Observes nothing. */
    SessionObserver NONE = new SessionObserver() {
    };

    /** A session connected, or moved to a new connection. */
    default void connected() {
    }

    /** A session's first connect failed (it was refused, or could not reach the service). */
    default void connectFailed(Throwable cause) {
    }

    /** A connected session ended with an error (it gave up reconnecting, or was refused). */
    default void failed(Throwable cause) {
    }

    /** A session moved to a new connection after {@code gap} without a usable one. */
    default void reconnected(Duration gap) {
    }

    /** The first audio of a reply came {@code nanos} after the client's explicit end of its turn. */
    default void firstAudio(long nanos) {
    }

    /** Tells {@code first}, then the observer {@code second} gives at that moment (meters come and go). */
    static SessionObserver both(SessionObserver first, Supplier<SessionObserver> second) {
        return new SessionObserver() {
            @Override
            public void connected() {
                first.connected();
                second.get().connected();
            }

            @Override
            public void connectFailed(Throwable cause) {
                first.connectFailed(cause);
                second.get().connectFailed(cause);
            }

            @Override
            public void failed(Throwable cause) {
                first.failed(cause);
                second.get().failed(cause);
            }

            @Override
            public void reconnected(Duration gap) {
                first.reconnected(gap);
                second.get().reconnected(gap);
            }

            @Override
            public void firstAudio(long nanos) {
                first.firstAudio(nanos);
                second.get().firstAudio(nanos);
            }
        };
    }
}
