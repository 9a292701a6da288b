package io.github.camelgeminilive.session.resilience;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.function.Consumer;

import io.github.camelgeminilive.session.LiveSessionException;
import io.github.camelgeminilive.session.LiveSessionException.SessionClosedException;
import io.github.camelgeminilive.session.ResilienceMetrics;
import io.github.camelgeminilive.session.ResilienceOptions;
import io.github.camelgeminilive.session.connection.EncodedFrame;
import io.github.camelgeminilive.session.connection.Failures;
import io.github.camelgeminilive.session.delivery.SessionCounters;
import io.github.camelgeminilive.transport.SendRefusedException;

/**
 * The send path of a resilient session: writes each message on the current connection, or holds it while there is
 * none (bounded, {@link HeldSends}); keeps what was written in the {@link ReplayBuffer} until a handle covers it,
 * and on a new connection writes again what the resumed state lacks, then the held sends, in call order. Audio
 * behind real time (that backlog, or a caller's burst) is paced by {@link CatchUp}: what waits for the pace is
 * held too, so frames leave in the order the sends were called, across connections, and every send future
 * completes: written (possibly on a later connection) or failed with the reason.
 *
 * <p>Tool responses are never replayed: a call belongs to the connection that asked, its response is written there
 * (even while other sends are held), and calls of a connection that ended unanswered are reported with
 * {@code ToolCallCancelled}; a later response to them fails. Not thread-safe: guarded by the resilient session's
 * lock, which a write's completion takes itself when it must.
 */
final class Outbox {

    /**
     * What a resume wrote again, the audio the new connection will not hear, and the audio it may not hear: taken
     * as covered by the old connection's handles on an estimate alone (see {@link ReplayCoverage}).
     */
    record Resumed(long replayed, Duration audioLost, Duration audioPossiblyLost) {
    }

    private final Object lock;
    private final ReplayBuffer replay;
    private final ReplayCoverage coverage;
    private final HeldSends held;
    private final ToolCalls toolCalls;
    private final ConversationLog conversation;
    private final CatchUp catchUp;
    /** The replay a resume has still to write, from {@link #replayNext}: a copy of the replay buffer's messages. */
    private List<OutboundMessage> replaying = List.of();
    private int replayNext;
    /** All the audio the caller sent, on any connection, in nanoseconds. */
    private long audioSentNanos;

    /** @param lock the resilient session's lock */
    Outbox(Object lock, ResilienceOptions resilience, ReplayBuffer replay, ReplayCoverage coverage,
            ToolCalls toolCalls, ConversationLog conversation, CatchUp catchUp) {
        this.lock = lock;
        this.replay = replay;
        this.coverage = coverage;
        this.held = new HeldSends(resilience.heldSendLimit(), resilience.heldSendBytes(),
                resilience.overflowPolicy());
        this.toolCalls = toolCalls;
        this.conversation = conversation;
        this.catchUp = catchUp;
    }

    /**
     * Writes {@code m} on {@code link}, or holds it; {@code log} notes what the user said, for a seeded fresh
     * session. Audio goes out at once while {@code draining} (the service hears the caller without delay, and a
     * barge-in still ends the reply); other sends are held then, as a turn started now would keep the old
     * connection busy, and audio behind them too. While open, audio ahead of the pace is held, and what follows
     * it; a draining connection takes audio at wire speed (see {@link #catchUpNow}).
     *
     * @param link      the connection that takes sends now; null while there is none
     * @param lastError why the last connection ended, for a tool response that can no longer be written
     */
    CompletableFuture<Void> send(OutboundMessage m, Consumer<ConversationLog> log, Link link, boolean draining,
            LiveSessionException lastError) {
        if (!m.replayable()) {
            return answerToolCalls(m, link, lastError);
        }
        log.accept(conversation);
        audioSentNanos += m.frame.audioNanos();
        long now = System.nanoTime();
        if (link != null && !behind() && (draining ? m.frame.audioNanos() > 0 : catchUp.allows(m, now))) {
            write(link, m, true);
            return m;
        }
        held.hold(m);
        if (link != null && !draining) {
            catchUp.wakeLater(now);
        }
        return m;
    }

    /** Tool responses go to the connection that asked, at once, or fail: never replayed, never sent twice. */
    private CompletableFuture<Void> answerToolCalls(OutboundMessage m, Link link, LiveSessionException lastError) {
        if (link == null) {
            toolCalls.orphaned(-1);
            return CompletableFuture.failedFuture(new LiveSessionException("Cannot send the tool response: the "
                    + "connection that asked for the call ended; the call was cancelled", 0, null, lastError));
        }
        try {
            toolCalls.answer(m.frame.toolResponseIds(), link.generation);
        } catch (LiveSessionException e) {
            return CompletableFuture.failedFuture(e);
        }
        write(link, m, true);
        return m;
    }

    /**
     * The conversation goes on on {@code link}: writes again what the resumed state lacks (for a {@code fresh}
     * session, the conversation so far as text, as the new session heard none of it), then the held sends.
     */
    Resumed resume(Link link, boolean fresh) {
        long lost = replay.takeLostNanos();
        long possiblyLost = replay.takePossiblyLostNanos();
        if (fresh) {
            possiblyLost = 0; // all in lost
            // the new session heard none of the audio before the buffer; the transcripts carry its meaning
            lost += audioSentNanos - replay.audioNanos();
            if (!conversation.turns().isEmpty()) {
                write(link, new OutboundMessage(EncodedFrame.clientContent(conversation.turns(), false)), false);
            }
        }
        // what an earlier resume left unwritten is still in the buffer: the new copy has it
        replaying = replay.toReplay();
        replayNext = 0;
        long replayed = replaying.size();
        pump(link, false);
        return new Resumed(replayed, Duration.ofNanos(lost), Duration.ofNanos(possiblyLost));
    }

    /** The pace lets the next audio frame go: writes what may go now on {@code link} (null: none yet). */
    void woke(Link link, boolean draining) {
        catchUp.woke();
        if (link != null) {
            pump(link, draining);
        }
    }

    /**
     * Writes now, in order, all that waits for the pace (or, when closing, for a safe point) on {@code link}: it
     * starts draining or closing. A backlog paced into a connection's last seconds would be replayed at the pace
     * again by the next, and by every short-lived connection after it, without ever catching up.
     */
    void catchUpNow(Link link) {
        catchUp.cancel();
        while (writeNext(link, false, false, 0)) {
            // each pass writes one
        }
    }

    /** Writes the replay left, then the held sends, in order, while the pace (or {@code draining}) allows. */
    private void pump(Link link, boolean draining) {
        long now = System.nanoTime();
        while (writeNext(link, draining, true, now)) {
            // each pass writes one
        }
        if (behind() && !draining) { // draining, only the move lets the next held send go
            catchUp.wakeLater(now);
        }
    }

    /** Writes the next replayed or held message if it may go (if {@code paced}, at {@code now}); false if not. */
    private boolean writeNext(Link link, boolean draining, boolean paced, long now) {
        boolean replayed = replayNext < replaying.size();
        OutboundMessage m = replayed ? replaying.get(replayNext) : held.peek();
        if (m == null) {
            replaying = List.of(); // not kept in memory until the next resume
            return false;
        }
        if (draining ? m.frame.audioNanos() == 0 : paced && !catchUp.allows(m, now)) {
            return false;
        }
        if (replayed) {
            replayNext++;
        } else {
            held.poll();
        }
        write(link, m, !replayed);
        return true;
    }

    private boolean behind() {
        return replayNext < replaying.size() || !held.isEmpty();
    }

    /** Writes on {@code link}; replayable messages are kept until a handle covers them. */
    private void write(Link link, OutboundMessage m, boolean record) {
        long index = link.nextIndex++;
        m.writing(link.generation, index);
        if (m.replayable() && record) {
            replay.add(m);
        }
        catchUp.wrote(m, System.nanoTime());
        boolean probe = coverage.probeAfter(link, m);
        link.session.sendFrame(m.frame, e -> {
            if (e == null) {
                link.written(index);
                m.written(link.generation);
                m.complete(null);
                if (probe) {
                    link.keepalive.probe(); // behind the frame: its pong proves the service read it
                }
            } else if (!m.replayable()) {
                m.completeExceptionally(e);
            } else if (Failures.unwrap(e) instanceof SendRefusedException refused) {
                // the connection is fine but its outgoing bound was reached: the send fails, and is never replayed
                synchronized (lock) {
                    replay.discard(m);
                }
                m.completeExceptionally(refused);
            } else {
                m.writeFailed(e); // replayed on the next connection unless the buffer forgot it
            }
        });
    }

    /** The session is closing: the held sends fail, as they will not be written. */
    void failHeld(String why) {
        catchUp.cancel();
        held.failAll(why, null);
    }

    /** The session ended: every send not written yet fails with {@code why}, and pending tool calls are dropped. */
    void failAll(String why, LiveSessionException error) {
        catchUp.cancel();
        replaying = List.of();
        replayNext = 0;
        held.failAll(why, error);
        for (OutboundMessage m : replay.clear()) {
            m.completeExceptionally(new SessionClosedException(
                    "The session ended before this message could be written: " + why, error));
        }
        toolCalls.clear();
    }

    ResilienceMetrics metrics(ResilienceCounters counters, SessionCounters session) {
        return counters.snapshot(held, session, toolCalls, replay);
    }
}
