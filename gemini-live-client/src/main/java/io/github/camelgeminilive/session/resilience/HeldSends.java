package io.github.camelgeminilive.session.resilience;

import java.util.ArrayDeque;
import java.util.Deque;

import io.github.camelgeminilive.session.LiveSessionException;
import io.github.camelgeminilive.session.LiveSessionException.SessionClosedException;
import io.github.camelgeminilive.session.OverflowPolicy;

/**
 * Sends made while a resilient session has no usable connection, in call order, bounded in count and in bytes
 * (encoded frames); beyond a bound the {@link OverflowPolicy} fails either the new send (counted as refused) or
 * the oldest held ones until it fits (counted as dropped). Nothing leaves silently: every message taken out is
 * either handed back for writing or has its future failed. Not thread-safe.
 */
final class HeldSends {

    private final int limit;
    private final long maxBytes;
    private final OverflowPolicy policy;
    private final Deque<OutboundMessage> held = new ArrayDeque<>();
    private long bytes;
    private long dropped;
    private long refused;

    HeldSends(int limit, long maxBytes, OverflowPolicy policy) {
        this.limit = limit;
        this.maxBytes = maxBytes;
        this.policy = policy;
    }

    void hold(OutboundMessage m) {
        long size = m.bytes;
        if (held.size() >= limit || bytes + size > maxBytes) {
            String bounds = limit + " sends / " + maxBytes + " bytes";
            if (policy == OverflowPolicy.FAIL || size > maxBytes) {
                refused++;
                m.completeExceptionally(new LiveSessionException("Send refused: the sends held while the "
                        + "session reconnects would exceed " + bounds + " (overflow policy " + policy + ")", 0,
                        null, null));
                return;
            }
            while (!held.isEmpty() && (held.size() >= limit || bytes + size > maxBytes)) {
                dropped++;
                take().completeExceptionally(new LiveSessionException("Send dropped: the sends held while the "
                        + "session reconnected exceeded " + bounds + " (overflow policy DROP_OLDEST)", 0, null,
                        null));
            }
        }
        held.addLast(m);
        bytes += size;
    }

    boolean isEmpty() {
        return held.isEmpty();
    }

    OutboundMessage poll() {
        return held.isEmpty() ? null : take();
    }

    /** Held sends dropped by {@link OverflowPolicy#DROP_OLDEST}. */
    long dropped() {
        return dropped;
    }

    /** New sends refused at a bound ({@link OverflowPolicy#FAIL}, or one frame larger than the byte bound). */
    long refused() {
        return refused;
    }

    void failAll(String why, Throwable cause) {
        for (OutboundMessage m; (m = poll()) != null;) {
            m.completeExceptionally(new SessionClosedException(why, cause));
        }
    }

    private OutboundMessage take() {
        OutboundMessage m = held.removeFirst();
        bytes -= m.bytes;
        return m;
    }
}
