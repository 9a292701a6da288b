package io.github.camelgeminilive.session;

import java.util.ArrayDeque;
import java.util.Deque;

import io.github.camelgeminilive.session.LiveSessionException.SessionClosedException;

/**
 * Sends made while a resilient session has no usable connection, in call order, bounded; at the bound the
 * {@link OverflowPolicy} fails either the new send or the oldest held one. Nothing leaves silently: every
 * message taken out is either handed back for writing or has its future failed. Not thread-safe.
 */
final class HeldSends {

    private final int limit;
    private final OverflowPolicy policy;
    private final Deque<OutboundMessage> held = new ArrayDeque<>();
    private long dropped;

    HeldSends(int limit, OverflowPolicy policy) {
        this.limit = limit;
        this.policy = policy;
    }

    void hold(OutboundMessage m) {
        if (held.size() >= limit) {
            if (policy == OverflowPolicy.FAIL) {
                m.done.completeExceptionally(new LiveSessionException("Send refused: " + limit + " sends are "
                        + "already held while the session reconnects (overflow policy FAIL)", 0, null, null));
                return;
            }
            dropped++;
            held.removeFirst().done.completeExceptionally(new LiveSessionException("Send dropped: more than "
                    + limit + " sends held while the session reconnected (overflow policy DROP_OLDEST)",
                    0, null, null));
        }
        held.addLast(m);
    }

    boolean isEmpty() {
        return held.isEmpty();
    }

    OutboundMessage poll() {
        return held.pollFirst();
    }

    long dropped() {
        return dropped;
    }

    void failAll(String why, Throwable cause) {
        for (OutboundMessage m; (m = held.pollFirst()) != null;) {
            m.done.completeExceptionally(new SessionClosedException(why, cause));
        }
    }
}
