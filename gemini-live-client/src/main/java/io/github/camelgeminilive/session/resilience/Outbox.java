package io.github.camelgeminilive.session.resilience;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.function.Consumer;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

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
 * and on a new connection writes again what the resumed state lacks, then the held sends, in call order. Frames
 * leave in the order the sends were called, across connections, and every send future completes: written
 * (possibly on a later connection) or failed with the reason.
 *
 * <p>Tool responses are never replayed: a call belongs to the connection that asked, its response is written there
 * (even while other sends are held), and calls of a connection that ended unanswered are reported with
 * {@code ToolCallCancelled}; a later response to them fails. Not thread-safe: guarded by the resilient session's
 * lock, which a write's completion takes itself when it must.
 */
final class Outbox {

    private static final Logger LOG = LoggerFactory.getLogger(Outbox.class);

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
    /** The audio of the messages written (first writes; not those the connection refused), in nanoseconds. */
    private long audioWrittenNanos;
    /** The audio the resumes reported lost so far, in nanoseconds. */
    private long audioReportedLostNanos;
    /**
     * A resume is writing: a send made meanwhile (by a caller's code that a write's completion runs on this thread)
     * is held, so that it follows what the resume still writes.
     */
    private boolean resuming;

    /** @param lock the resilient session's lock */
    Outbox(Object lock, ResilienceOptions resilience, ReplayBuffer replay, ReplayCoverage coverage,
            ToolCalls toolCalls, ConversationLog conversation) {
        this.lock = lock;
        this.replay = replay;
        this.coverage = coverage;
        this.held = new HeldSends(resilience.heldSendLimit(), resilience.heldSendBytes(),
                resilience.overflowPolicy());
        this.toolCalls = toolCalls;
        this.conversation = conversation;
    }

    /**
     * Writes {@code m} on {@code link}, or holds it; {@code log} notes what the user said, for a seeded fresh
     * session. Audio goes out at once while {@code draining} (the service hears the caller without delay, and a
     * barge-in still ends the reply); other sends are held then, as a turn started now would keep the old
     * connection busy, and audio behind them too.
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
        if (link != null && held.isEmpty() && !resuming && (!draining || m.audioNanos > 0)) {
            write(link, m, m.release(), true);
        } else {
            held.hold(m);
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
            toolCalls.answer(m.toolResponseIds, link.generation);
        } catch (LiveSessionException e) {
            return CompletableFuture.failedFuture(e);
        }
        write(link, m, m.release(), true);
        return m;
    }

    /**
     * The conversation goes on on {@code link}: writes again what the resumed state lacks (for a {@code fresh}
     * session, the conversation so far as text, as the new session heard none of it), then the held sends.
     */
    Resumed resume(Link link, boolean fresh) {
        resuming = true;
        try {
            return writeAgain(link, fresh);
        } finally {
            resuming = false;
        }
    }

    private Resumed writeAgain(Link link, boolean fresh) {
        long possiblyLost = replay.takePossiblyLostNanos();
        long unheard = 0;
        if (fresh) {
            possiblyLost = 0; // all in lost
            // the new session heard none of the audio written before the buffer (what the bounds forced out
            // included) that no resume reported yet; the transcripts carry its meaning
            unheard = audioWrittenNanos - replay.audioNanos() - audioReportedLostNanos;
            replay.takeLostNanos();
            if (!conversation.turns().isEmpty()) {
                OutboundMessage seed = new OutboundMessage(EncodedFrame.clientContent(conversation.turns(), false));
                write(link, seed, seed.release(), false);
                if (seed.isCompletedExceptionally()) { // refused at once: no caller waits for it to say so
                    LOG.warn("The fresh session starts without the conversation so far: {}",
                            seed.handle((v, e) -> Failures.unwrap(e).getMessage()).join());
                }
            }
        }
        List<ReplayBuffer.Replay> again = replay.toReplay(); // frames copied first: writes may change the buffer
        long replayed = 0;
        for (ReplayBuffer.Replay r : again) {
            long index = link.nextIndex++;
            if (r.message() != null) {
                r.message().writing();
            }
            replay.rewritten(r.seq(), link.generation, index);
            send(link, r.message(), r.seq(), r.frame(), index);
            if (replay.holds(r.seq())) { // a refusal comes back before the send returns, and discards the entry
                replayed++;
            }
        }
        long lost = unheard + replay.takeLostNanos(); // after the replays: one the connection refused is lost too
        audioReportedLostNanos += lost;
        for (OutboundMessage m; (m = held.poll()) != null;) {
            write(link, m, m.release(), true);
        }
        return new Resumed(replayed, Duration.ofNanos(lost), Duration.ofNanos(possiblyLost));
    }

    /** Writes {@code m}'s {@code frame} on {@code link}; replayable messages are kept until a handle covers them. */
    private void write(Link link, OutboundMessage m, EncodedFrame frame, boolean record) {
        long index = link.nextIndex++;
        m.writing();
        if (m.replayable() && record) {
            audioWrittenNanos += m.audioNanos;
            replay.add(m, frame, link.generation, index, link.writtenInOrder());
        }
        send(link, m, m.seq, frame, index);
        replay.tellForgotten(); // after: a caller that sends again from its failed future follows this send
    }

    /**
     * Puts the frame of replay buffer entry {@code seq} (-1: none) on {@code link} as message {@code index}; {@code m}
     * is its caller's future, or null when that has completed already (a replay of a message written before).
     */
    private void send(Link link, OutboundMessage m, long seq, EncodedFrame frame, long index) {
        boolean probe = coverage.probeAfter(link, frame.audioNanos());
        link.session.sendFrame(frame, e -> {
            if (e == null) {
                link.written(index);
                if (m != null) {
                    m.complete(null);
                }
                if (probe) {
                    link.keepalive.probe(); // behind the frame: its pong proves the service read it
                }
            } else if (Failures.unwrap(e) instanceof SendRefusedException refused) {
                // the connection is fine but its outgoing bound was reached: the send fails, and is never replayed
                boolean told = m != null && !m.isDone();
                if (m == null || m.replayable()) {
                    synchronized (lock) {
                        // untold: a replay of a message written before, whose audio is lost
                        replay.discard(seq, !told);
                        if (told) {
                            audioWrittenNanos -= m.audioNanos; // not written, and its caller hears so: not lost
                        }
                    }
                }
                if (told) {
                    m.completeExceptionally(refused);
                }
            } else {
                link.writeFailed(index); // the buffer keeps the messages from here on until a handle covers them
                if (m != null && !m.replayable()) {
                    m.completeExceptionally(e);
                } else if (m != null) {
                    m.writeFailed(e); // replayed on the next connection unless the buffer forgot it
                }
            }
        });
    }

    /** The session is closing: the held sends fail, as they will not be written. */
    void failHeld(String why) {
        held.failAll(why, null);
    }

    /** The session ended: every send not written yet fails with {@code why}, and pending tool calls are dropped. */
    void failAll(String why, LiveSessionException error) {
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
