package io.github.camelgeminilive.session.resilience;

import java.time.Duration;
import java.util.Queue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicLongFieldUpdater;
import java.util.function.Consumer;

import io.github.camelgeminilive.session.LiveEvent;
import io.github.camelgeminilive.session.ResilienceOptions;
import io.github.camelgeminilive.session.SessionOptions;
import io.github.camelgeminilive.session.connection.PlainLiveSession;

/**
 * One connection of a resilient session: its generation, its plain session, its keepalive, frame counts and when
 * its handles were read.
 */
final class Link {

    private record HandleRead(String handle, long nanos) {
    }

    /** Audio between read probes when the service gives no consumed index. */
    static final Duration PROBE_AUDIO = Duration.ofSeconds(1);
    private static final long PROBE_AUDIO_NANOS = PROBE_AUDIO.toNanos();
    private static final AtomicLongFieldUpdater<Link> WRITTEN = AtomicLongFieldUpdater.newUpdater(Link.class,
            "written");
    private static final AtomicLongFieldUpdater<Link> FIRST_FAILED = AtomicLongFieldUpdater.newUpdater(Link.class,
            "firstFailed");

    final int generation;
    final PlainLiveSession session;
    final Keepalive keepalive;
    /**
     * Frames written to the socket so far (write completions arrive in order). A field, not an object of its own:
     * the send path reads it with every frame ({@link ReplayBuffer#add}), beside the link's other fields.
     */
    private volatile long written;
    /** The index of the first frame whose write failed; Long.MAX_VALUE: none. */
    private volatile long firstFailed = Long.MAX_VALUE;
    /** When they were written; null when no handle is taken to cover by time (transparent, or no coverage lag). */
    private final WriteTimeline timeline;
    /** Index the next frame gets; guarded by the resilient session's lock. */
    long nextIndex;
    /** When its setup completed (System.nanoTime); guarded by the resilient session's lock. */
    long upSinceNanos;
    /** The service said goAway on it: its end is expected, whatever the close code; guarded by the lock. */
    boolean goneAway;
    private long audioSinceProbeNanos;
    /** Handles read but not yet taken by the resilient session, in wire order. */
    private final Queue<HandleRead> handleReads = new ConcurrentLinkedQueue<>();

    /** A link not connected yet: {@link Connector#start} it once constructed. */
    Link(int generation, Connector connector, SessionOptions options,
            LinkListener listener, ResilienceOptions resilience, Consumer<Link> halfOpen) {
        this.generation = generation;
        this.timeline = resilience.coverageLag() == null || resilience.transparent() ? null
                : new WriteTimeline(resilience.coverageLag());
        this.keepalive = new Keepalive(this::ping, this::written, resilience.pingTimeout(),
                () -> halfOpen.accept(this));
        this.session = connector.create(options, event -> listener.onEvent(this, event), keepalive::onPong,
                this::handleRead);
    }

    /** When the frame carrying {@code handle} was read: the time its coverage is measured against. */
    private void handleRead(String handle, long readNanos) {
        handleReads.add(new HandleRead(handle, readNanos));
    }

    /**
     * When the frame carrying {@code handle} was read (System.nanoTime), or null if unknown. Handles are taken in
     * wire order, so earlier ones left untaken (none in practice) are skipped.
     */
    Long readTime(String handle) {
        for (HandleRead r; (r = handleReads.poll()) != null;) {
            if (r.handle().equals(handle)) {
                return r.nanos();
            }
        }
        return null;
    }

    private CompletableFuture<Void> ping() {
        return session.sendPing();
    }

    /**
     * Whether a ping should follow this frame, so that a later handle is known to cover it: after every message
     * but audio, and after each {@link #PROBE_AUDIO} of audio. Guarded by the resilient session's lock.
     */
    boolean probeAfter(long audioNanos) {
        if (audioNanos == 0) {
            return true;
        }
        audioSinceProbeNanos += audioNanos;
        if (audioSinceProbeNanos < PROBE_AUDIO_NANOS) {
            return false;
        }
        audioSinceProbeNanos = 0;
        return true;
    }

    /** Frame {@code index} reached the socket now. */
    void written(long index) {
        long count = WRITTEN.accumulateAndGet(this, index + 1, Math::max);
        if (timeline != null) {
            timeline.written(count, System.nanoTime());
        }
    }

    /** Frame {@code index}'s write failed (not told of a frame the connection refused: that one was never queued). */
    void writeFailed(long index) {
        FIRST_FAILED.accumulateAndGet(this, index, Math::min);
    }

    /** Frames (from the connection's first) that have reached the socket. */
    long written() {
        return written;
    }

    /**
     * Frames from the connection's first that have all reached the socket, every one of them: up to the first whose
     * write failed (a later write may have succeeded: the connection goes on after a failed write).
     */
    long writtenInOrder() {
        long count = written; // first: a failure is recorded before any later write completes
        return Math.min(count, firstFailed);
    }

    /** Frames that had reached the socket by {@code nanos} (System.nanoTime); 0 when unknown. */
    long writtenBy(long nanos) {
        return timeline == null ? 0 : timeline.writtenBy(nanos);
    }

    /** Receives the events of one link. */
    interface LinkListener {
        void onEvent(Link link, LiveEvent event);
    }
}
