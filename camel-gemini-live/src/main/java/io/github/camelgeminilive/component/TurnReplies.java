package io.github.camelgeminilive.component;

import java.io.ByteArrayOutputStream;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.concurrent.TimeUnit;

import io.github.camelgeminilive.protocol.UsageMetadata;
import io.github.camelgeminilive.session.LiveEvent;
import io.github.camelgeminilive.session.LiveSessionException;

/**
 * Assigns the events of one session to the InOut exchanges waiting for a reply, first come first served: the oldest
 * waiting exchange collects audio, transcript and usage until {@code turnComplete} (or {@code interrupted}), or,
 * when the events themselves are wanted ({@code replyFormat=events}), every event it sees instead of the audio; a reply
 * cut off by a reconnect starts over when the question was replayed, and fails with {@link ReplyAbortedException}
 * otherwise.
 * Events arrive serially (session listener); waiters are added and removed from producer threads.
 */
final class TurnReplies {

    /**
     * How long a finished turn waits for a {@code usageMetadata} that follows {@code turnComplete} in a message of
     * its own; any other event ends the wait at once.
     */
    private static final long USAGE_GRACE_MILLIS = 500;
    /** Most InOut exchanges that may wait for a reply on one session; more are refused (their exchange fails). */
    static final int MAX_WAITING = 1000;

    private final Deque<Pending> waiting = new ArrayDeque<>();
    private final String sessionKey;
    private final Executor graceExecutor;
    private final boolean collectEvents;
    private Pending finishing;
    private boolean absorbTurnComplete;

    /**
     * @param executor      runs the completion of a turn whose usage metadata did not come with it
     * @param collectEvents keep the events of each reply ({@link TurnReply#events()}) rather than its audio bytes
     */
    TurnReplies(String sessionKey, Executor executor, boolean collectEvents) {
        this.sessionKey = sessionKey;
        this.graceExecutor = CompletableFuture.delayedExecutor(USAGE_GRACE_MILLIS, TimeUnit.MILLISECONDS, executor);
        this.collectEvents = collectEvents;
    }

    /**
     * Registers an exchange waiting for the next reply turn; register before sending, so no event is missed. Null
     * when {@value #MAX_WAITING} already wait.
     */
    synchronized CompletableFuture<TurnReply> expect() {
        if (waiting.size() >= MAX_WAITING) {
            return null;
        }
        Pending p = new Pending(collectEvents);
        waiting.addLast(p);
        return p.future;
    }

    /** Forgets a waiter whose send failed: no turn of its own will come. */
    synchronized void cancel(CompletableFuture<TurnReply> reply) {
        waiting.removeIf(p -> p.future == reply);
    }

    /**
     * Gives up on a waiter that timed out. A reply already under way is still its own: the waiter stays first and
     * takes that turn to its end, so the next waiter does not inherit the rest of it. A reply not started yet may
     * never come, so that waiter is forgotten (should its turn come after all, the next waiter gets it).
     */
    synchronized void abandon(CompletableFuture<TurnReply> reply) {
        Pending head = waiting.peekFirst();
        if (head != null && head.future == reply && head.started) {
            head.abandoned = true;
            head.restart(); // nobody reads what it collects from now on
            return;
        }
        cancel(reply);
    }

    synchronized void onEvent(LiveEvent event) {
        if (finishing != null) {
            Pending done = finishing;
            finishing = null;
            if (event instanceof LiveEvent.Usage u) {
                done.usage = u.usage();
                done.collect(event);
                done.complete(false);
                return;
            }
            done.complete(false);
        }
        if (event instanceof LiveEvent.Closed closed) {
            failAll(closed);
            return;
        }
        if (event instanceof LiveEvent.Reconnected r) {
            reconnected(r);
            return;
        }
        if (event instanceof LiveEvent.TurnComplete && absorbTurnComplete) {
            absorbTurnComplete = false; // the end of a turn already answered as interrupted
            return;
        }
        if (event instanceof LiveEvent.Audio || event instanceof LiveEvent.OutputTranscription
                || event instanceof LiveEvent.Text) {
            absorbTurnComplete = false; // a new turn began without a turnComplete for the interrupted one
        }
        Pending head = waiting.peekFirst();
        if (head == null) {
            return;
        }
        head.collect(event);
        if (event instanceof LiveEvent.Audio a) {
            head.started = true;
            if (!head.abandoned) {
                head.mimeType = a.mimeType();
                if (head.events == null) {
                    head.audio.writeBytes(a.data());
                }
            }
        } else if (event instanceof LiveEvent.OutputTranscription t) {
            head.started = true;
            if (!head.abandoned) {
                head.transcript.append(t.transcription().text());
            }
        } else if (event instanceof LiveEvent.Text t && !t.thought()) {
            head.started = true;
            if (!head.abandoned) {
                head.text.append(t.text());
            }
        } else if (event instanceof LiveEvent.Usage u) {
            head.usage = u.usage();
        } else if (event instanceof LiveEvent.Interrupted) {
            waiting.removeFirst();
            absorbTurnComplete = true;
            head.complete(true);
        } else if (event instanceof LiveEvent.TurnComplete) {
            waiting.removeFirst();
            if (head.usage != null) {
                head.complete(false);
            } else {
                finishing = head;
                graceExecutor.execute(() -> finishLate(head));
            }
        }
    }

    private synchronized void finishLate(Pending p) {
        if (finishing == p) {
            finishing = null;
            p.complete(false);
        }
    }

    /**
     * A reply cut off by a lost connection never completes as such. When the session replayed messages the resumed
     * state lacked, the question was among them and the model answers it again, in full: the oldest waiter starts
     * over and collects that answer, so nothing is duplicated. When nothing was replayed the service already had the
     * question and will not answer again: the waiter fails with {@link ReplyAbortedException} at once. Waiters whose
     * reply had not started are not affected.
     */
    private void reconnected(LiveEvent.Reconnected r) {
        absorbTurnComplete = false;
        Pending head = waiting.peekFirst();
        if (!r.replyAborted() || head == null) {
            return;
        }
        if (r.replayedMessages() > 0) {
            head.restart();
        } else {
            waiting.removeFirst();
            head.future.completeExceptionally(new ReplyAbortedException(sessionKey, r.cause()));
        }
    }

    private void failAll(LiveEvent.Closed closed) {
        LiveSessionException error = closed.error() != null
                ? closed.error()
                : new LiveSessionException.SessionClosedException("The live session closed (code " + closed.code()
                        + ": " + closed.reason() + ") before the model's turn completed");
        waiting.forEach(p -> p.future.completeExceptionally(error));
        waiting.clear();
    }

    private static final class Pending {
        final CompletableFuture<TurnReply> future = new CompletableFuture<>();
        final ByteArrayOutputStream audio = new ByteArrayOutputStream();
        final StringBuilder transcript = new StringBuilder();
        final StringBuilder text = new StringBuilder();
        /** The events seen as the oldest waiter, when they are wanted; null otherwise. */
        final List<LiveEvent> events;
        String mimeType;
        UsageMetadata usage;
        /** Its reply has begun (audio, transcript or text arrived). */
        boolean started;
        /** Its exchange timed out while its reply was under way: it only takes that turn off the queue. */
        boolean abandoned;

        Pending(boolean collectEvents) {
            events = collectEvents ? new ArrayList<>() : null;
        }

        void collect(LiveEvent event) {
            if (events != null && !abandoned) {
                events.add(event);
            }
        }

        void restart() {
            audio.reset();
            transcript.setLength(0);
            text.setLength(0);
            mimeType = null;
            usage = null;
            if (events != null) {
                events.clear();
            }
        }

        void complete(boolean interrupted) {
            future.complete(new TurnReply(audio.toByteArray(), mimeType, transcript.toString(), text.toString(), usage,
                    interrupted, events == null ? List.of() : List.copyOf(events)));
        }
    }
}
