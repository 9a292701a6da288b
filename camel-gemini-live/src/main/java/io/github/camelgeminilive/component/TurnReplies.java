package io.github.camelgeminilive.component;

import java.io.ByteArrayOutputStream;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.concurrent.TimeUnit;

import io.github.camelgeminilive.protocol.UsageMetadata;
import io.github.camelgeminilive.session.LiveEvent;
import io.github.camelgeminilive.session.LiveSessionException;

/**
 * Assigns the events of one session to the InOut exchanges waiting for a reply, first come first served: the oldest
 * waiting exchange collects audio, transcript and usage until {@code turnComplete} (or {@code interrupted}).
 * Events arrive serially (session listener); waiters are added and removed from producer threads.
 */
final class TurnReplies {

    /**
     * How long a finished turn waits for a {@code usageMetadata} that follows {@code turnComplete} in a message of
     * its own; any other event ends the wait at once.
     */
    private static final long USAGE_GRACE_MILLIS = 500;

    private final Deque<Pending> waiting = new ArrayDeque<>();
    private final Executor graceExecutor;
    private Pending finishing;
    private boolean absorbTurnComplete;

    TurnReplies(Executor executor) {
        this.graceExecutor = CompletableFuture.delayedExecutor(USAGE_GRACE_MILLIS, TimeUnit.MILLISECONDS, executor);
    }

    /** Registers an exchange waiting for the next reply turn; register before sending, so no event is missed. */
    synchronized CompletableFuture<TurnReply> expect() {
        Pending p = new Pending();
        waiting.addLast(p);
        return p.future;
    }

    /** Forgets a waiter that timed out or whose send failed. */
    synchronized void cancel(CompletableFuture<TurnReply> reply) {
        waiting.removeIf(p -> p.future == reply);
    }

    synchronized void onEvent(LiveEvent event) {
        if (finishing != null) {
            Pending done = finishing;
            finishing = null;
            if (event instanceof LiveEvent.Usage u) {
                done.usage = u.usage();
                done.complete(false);
                return;
            }
            done.complete(false);
        }
        if (event instanceof LiveEvent.Closed closed) {
            failAll(closed);
            return;
        }
        if (event instanceof LiveEvent.TurnComplete && absorbTurnComplete) {
            absorbTurnComplete = false; // the end of a turn already answered as interrupted
            return;
        }
        if (event instanceof LiveEvent.Audio || event instanceof LiveEvent.OutputTranscription) {
            absorbTurnComplete = false; // a new turn began without a turnComplete for the interrupted one
        }
        Pending head = waiting.peekFirst();
        if (head == null) {
            return;
        }
        if (event instanceof LiveEvent.Audio a) {
            head.audio.writeBytes(a.data());
            head.mimeType = a.mimeType();
        } else if (event instanceof LiveEvent.OutputTranscription t) {
            head.transcript.append(t.transcription().text());
        } else if (event instanceof LiveEvent.Text t && !t.thought()) {
            head.text.append(t.text());
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
        String mimeType;
        UsageMetadata usage;

        void complete(boolean interrupted) {
            future.complete(new TurnReply(audio.toByteArray(), mimeType, transcript.toString(), text.toString(), usage,
                    interrupted));
        }
    }
}
