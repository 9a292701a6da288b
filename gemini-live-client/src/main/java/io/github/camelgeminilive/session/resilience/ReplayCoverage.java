package io.github.camelgeminilive.session.resilience;

import java.time.Duration;

import io.github.camelgeminilive.session.LiveEvent;

/**
 * Which messages of the {@link ReplayBuffer} a new handle covers, so a resume replays only the rest.
 *
 * <p>With {@code transparent} resumption the handle's {@code lastConsumedClientMessageIndex} says it exactly (a
 * transparent update without the index covers no message of its connection). The Gemini API gives no index, and
 * its pongs come 8-30 s late, so two estimates are combined, and a handle covers what either proves:
 * <ul>
 * <li>read proof: the messages written before a ping whose pong arrived before the handle did (one TCP stream in
 * each direction, read in order). Such a ping follows every message but audio, every second of audio and every
 * resumable update. Never wrong, but it lags by the pong delay, and every message behind it is replayed: with
 * pongs 20 s late, a resume would make the model hear up to 20 s of the caller again.</li>
 * <li>time: the messages whose write reached the socket at least {@code coverageLag} before the frame carrying
 * the handle was read (both times taken on the client's I/O path: the write's completion, and the read before
 * any queue). So what is heard twice is at most the audio written in the last {@code coverageLag} before the
 * handle was read: {@code coverageLag} of it (plus up to {@code coverageLag / 32} of writes the timeline below did
 * not time) when audio is sent in real time, more when it was sent
 * faster (a backlog caught up just before); and a message is lost only if the time from its write to the service
 * reading it, plus the time from the service issuing the handle to the client reading it, exceeded
 * {@code coverageLag}: a network and service backlog that slow. The write completion,
 * not the send call, is the write time: a frame queued behind others has not started towards the service. The
 * times are those of the connection's {@link WriteTimeline}, sampled at most once per {@code coverageLag / 32}.</li>
 * </ul>
 * A null {@code coverageLag} keeps the read proof only (no loss, duplicates up to the pong delay). The service's
 * lag cannot be seen from here (the emulator on a loaded machine issued handles lacking frames written 250-700 ms
 * before), so what time alone covered is reported as possibly lost by the next resume, unless a read proof covered
 * it since. Not thread-safe: guarded by the resilient session's lock.
 */
final class ReplayCoverage {

    private final ReplayBuffer replay;
    private final boolean transparent;
    private final Duration coverageLag;

    ReplayCoverage(ReplayBuffer replay, boolean transparent, Duration coverageLag) {
        this.replay = replay;
        this.transparent = transparent;
        this.coverageLag = coverageLag;
    }

    /**
     * Forgets what the resumable handle of {@code update}, read on {@code link}, covers; returns the highest input
     * position covered wholly so far (-1: none).
     */
    long handleArrived(Link link, LiveEvent.ResumptionUpdate update) {
        int connection = link.generation;
        Long read = link.readTime(update.newHandle()); // taken in every mode, so read times do not pile up
        if (transparent) {
            Long consumed = update.lastConsumedClientMessageIndex();
            long last = consumed == null ? -1 : consumed;
            replay.covered(connection, last);
            return replay.coveredInputPosition();
        }
        long proven = link.keepalive.readUpTo() - 1;
        replay.covered(connection, proven);
        if (read != null && coverageLag != null) {
            replay.estimatedCovered(connection, link.writtenBy(read - coverageLag.toNanos()) - 1);
        }
        link.keepalive.probe(); // so the next handle can trim what was written up to now
        return replay.coveredInputPosition();
    }

    /**
     * Whether a read probe should follow a message of {@code audioNanos} on {@code link} (never with a consumed
     * index).
     */
    boolean probeAfter(Link link, long audioNanos) {
        return !transparent && link.probeAfter(audioNanos);
    }
}
