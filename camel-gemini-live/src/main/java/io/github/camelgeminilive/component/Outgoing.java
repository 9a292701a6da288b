package io.github.camelgeminilive.component;

import java.io.IOException;
import java.util.concurrent.CompletableFuture;
import java.util.function.Function;
import java.util.function.LongSupplier;

import io.github.camelgeminilive.session.LiveSession;

/**
 * One client message of an exchange: how to send it on the open session, and its size, which counts only while it
 * waits for the connect (so it is computed then, not on every send).
 *
 * @param send  the send on the open session; its future completes when the message is written
 * @param bytes the message's payload size in bytes
 * @param kind  what it means for the client's turn (the first-audio latency of a reply starts at a turn end)
 */
record Outgoing(Function<LiveSession, CompletableFuture<Void>> send, LongSupplier bytes, Kind kind) {

    /** What a message means for the client's turn. */
    enum Kind {
        /** Neither input audio nor the end of a turn (video, tool responses, context, activityStart...). */
        OTHER,
        /** Input audio. */
        AUDIO,
        /** Ends the client's turn explicitly: a text turn, {@code turnComplete}, {@code activityEnd}. */
        TURN_END,
        /** {@code audioStreamEnd}: ends the turn only when audio went out since the last turn end. */
        STREAM_END
    }

    Outgoing(Function<LiveSession, CompletableFuture<Void>> send, LongSupplier bytes) {
        this(send, bytes, Kind.OTHER);
    }

    /** The messages of one exchange, read one at a time so that a long stream is never held whole. */
    interface Source {

        /** The next message, or null when there is none left. */
        Outgoing next() throws IOException;

        /** A source of exactly {@code message}. */
        static Source of(Outgoing message) {
            return new Source() {
                private boolean taken;

                @Override
                public Outgoing next() {
                    if (taken) {
                        return null;
                    }
                    taken = true;
                    return message;
                }
            };
        }
    }
}
