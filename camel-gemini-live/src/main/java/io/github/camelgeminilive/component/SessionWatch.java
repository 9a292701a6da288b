package io.github.camelgeminilive.component;

import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;

import io.github.camelgeminilive.session.LiveEvent;
import io.github.camelgeminilive.session.ResilienceMetrics;

/**
 * Follows one session's connection from its events, for the health check, the meters and the dev console: when its
 * connection began, whether it is moving to a new one, how many failed attempts it had when it last connected (more
 * now means an outage the engine is fighting), and when the client last ended its turn explicitly (the start of
 * the first-audio latency). Turn ends come from the sender's thread, events from the session's event thread.
 * <p>
 * A first-audio sample ties a turn end to a reply: the first audio of a reply that began (its first content event)
 * after the latest turn end stops that turn end's clock, once. The end of a reply (turnComplete, interrupted) clears
 * only a turn end older than the reply, so a turn end sent meanwhile waits for the next reply, and late audio of an
 * earlier reply never stops a newer turn end's clock.
 */
final class SessionWatch {

    /** What a session is doing, as the dev console and the health check show it. */
    enum State {
        idle, connecting, open, reconnecting, closed
    }

    private final SessionObserver observer;
    private final Supplier<ResilienceMetrics> metrics;
    /** Wall-clock time of the current connection's start; 0 before the first. */
    private volatile long connectedAtMillis;
    /** Failed attempts counted when the session last connected. */
    private volatile long failedAttemptsAtConnect;
    /** A goAway arrived and the session has not moved yet. */
    private volatile boolean moving;
    /** {@link System#nanoTime()} of the client's latest explicit turn end still waiting for audio; 0: none. */
    private final AtomicLong turnEndNanos = new AtomicLong();
    /** Input audio went out since the client last ended its turn. */
    private volatile boolean audioSinceTurnEnd;
    /** {@link System#nanoTime()} of the current reply's first content event; 0 between replies. */
    private volatile long replyBeganNanos;

    /** @param metrics reads the session's metrics (null before it connected) */
    SessionWatch(SessionObserver observer, Supplier<ResilienceMetrics> metrics) {
        this.observer = observer;
        this.metrics = metrics;
    }

    /** The first connect succeeded; {@code metrics} are the session's at that moment (null if it has none). */
    void connected(ResilienceMetrics metrics) {
        connectedAtMillis = System.currentTimeMillis();
        failedAttemptsAtConnect = metrics == null ? 0 : metrics.failedAttempts();
        observer.connected();
    }

    void connectFailed(Throwable cause) {
        observer.connectFailed(cause);
    }

    /**
     * The client sent a message of this kind. A turn end (a text turn, {@code turnComplete}, {@code activityEnd}, or
     * {@code audioStreamEnd} after audio) times the next reply audio from here; an {@code audioStreamEnd} with no
     * audio since the last turn end (a call opened with it) ends nothing.
     */
    void sent(Outgoing.Kind kind) {
        switch (kind) {
            case AUDIO -> {
                if (!audioSinceTurnEnd) { // a frame's usual case is a read, not a write
                    audioSinceTurnEnd = true;
                }
            }
            case TURN_END -> turnEnded();
            case STREAM_END -> {
                if (audioSinceTurnEnd) {
                    turnEnded();
                }
            }
            default -> {
            }
        }
    }

    private void turnEnded() {
        audioSinceTurnEnd = false;
        turnEndNanos.set(System.nanoTime());
    }

    /** An event of the session, before the consumers see it (on the session's event thread). */
    void onEvent(LiveEvent event) {
        if (event instanceof LiveEvent.Audio) {
            long began = replyBegins();
            long start = turnEndNanos.get();
            if (start != 0 && start - began <= 0 && turnEndNanos.compareAndSet(start, 0)) {
                observer.firstAudio(System.nanoTime() - start);
            }
        } else if (event instanceof LiveEvent.Text || event instanceof LiveEvent.OutputTranscription
                || event instanceof LiveEvent.ToolCallRequested || event instanceof LiveEvent.CodeExecution) {
            replyBegins();
        } else if (event instanceof LiveEvent.TurnComplete || event instanceof LiveEvent.Interrupted) {
            long began = replyBeganNanos;
            replyBeganNanos = 0;
            long start = turnEndNanos.get();
            if (began != 0 && start != 0 && start - began <= 0) {
                turnEndNanos.compareAndSet(start, 0); // answered without audio; a newer turn end stays
            }
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

    /** The current reply's first content event's time, this event's when it is the first. */
    private long replyBegins() {
        long began = replyBeganNanos;
        if (began == 0) {
            began = System.nanoTime();
            replyBeganNanos = began;
        }
        return began;
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
