package io.github.camelgeminilive.component;

import java.util.function.Supplier;

import io.github.camelgeminilive.session.LiveEvent;
import io.github.camelgeminilive.session.ResilienceMetrics;

/**
 * Follows one session's connection from its events, for the health check, the meters and the dev console: when its
 * connection began, whether it is moving to a new one, how many failed attempts it had when it last connected (more
 * now means an outage the engine is fighting), and when the client last ended its turn explicitly (the start of
 * the first-audio latency). Turn ends come from the sender's thread, events from the session's event thread.
 */
final class SessionWatch {

    /** What a session is doing, as the dev console and the health check show it. */
    enum State {
        idle, connecting, open, reconnecting, closed
    }

    private final SessionObserver observer;
    /** Wall-clock time of the current connection's start; 0 before the first. */
    private volatile long connectedAtMillis;
    /** Failed attempts counted when the session last connected. */
    private volatile long failedAttemptsAtConnect;
    /** A goAway arrived and the session has not moved yet. */
    private volatile boolean moving;
    /** {@link System#nanoTime()} of the client's latest explicit turn end still waiting for audio; 0: none. */
    private volatile long turnEndNanos;

    SessionWatch(SessionObserver observer) {
        this.observer = observer;
    }

    /** The first connect succeeded; {@code metrics} are the session's at that moment (null if it has none). */
    void connected(ResilienceMetrics metrics) {
        connectedAtMillis = System.currentTimeMillis();
        failedAttemptsAtConnect = metrics == null ? 0 : metrics.failedAttempts();
        observer.connected();
    }

    void connectFailed(Throwable cause) {
        observer.failed(cause);
    }

    /**
     * The client ended its turn explicitly (a text turn, {@code turnComplete}, {@code activityEnd},
     * {@code audioStreamEnd}): the next reply audio is timed from here.
     */
    void turnEnded() {
        turnEndNanos = System.nanoTime();
    }

    /** An event of the session, before the consumers see it; {@code metrics} reads the session's metrics. */
    void onEvent(LiveEvent event, Supplier<ResilienceMetrics> metrics) {
        if (event instanceof LiveEvent.Audio) {
            long start = turnEndNanos;
            if (start != 0) {
                turnEndNanos = 0;
                observer.firstAudio(System.nanoTime() - start);
            }
        } else if (event instanceof LiveEvent.TurnComplete || event instanceof LiveEvent.Interrupted) {
            turnEndNanos = 0; // a reply without audio: later audio belongs to another turn
        } else if (event instanceof LiveEvent.GoAwayReceived) {
            moving = true;
        } else if (event instanceof LiveEvent.Reconnected r) {
            moving = false;
            connectedAtMillis = System.currentTimeMillis();
            ResilienceMetrics m = metrics.get();
            failedAttemptsAtConnect = m == null ? 0 : m.failedAttempts();
            observer.reconnected(r.downtime());
            observer.connected();
        } else if (event instanceof LiveEvent.Closed c && c.error() != null) {
            observer.failed(c.error());
        }
    }

    /** Failed attempts since the session last connected: more than zero while it cannot reconnect. */
    long failedAttemptsSinceConnect(ResilienceMetrics metrics) {
        return metrics == null ? 0 : Math.max(0, metrics.failedAttempts() - failedAttemptsAtConnect);
    }

    /**
     * The state from what the session knows: ended, not connecting, connecting, moving (after a goAway, or while
     * its reconnect attempts fail), or open.
     */
    State state(boolean ended, boolean connectStarted, ResilienceMetrics metrics) {
        if (ended) {
            return State.closed;
        }
        if (metrics == null) {
            return connectStarted ? State.connecting : State.idle;
        }
        return moving || failedAttemptsSinceConnect(metrics) > 0 ? State.reconnecting : State.open;
    }

    /** Wall-clock start of the current connection, 0 before the first. */
    long connectedAtMillis() {
        return connectedAtMillis;
    }
}
