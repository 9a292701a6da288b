package io.github.camelgeminilive.emulator.model;

import java.util.concurrent.atomic.AtomicLong;

/**
 * The media time one session has received, across its connections (a resume continues it), and whether video was
 * part of it: what the service's session length limit counts. Thread-safe.
 */
public final class SessionClock {

    private final AtomicLong audioNanos = new AtomicLong();
    private volatile boolean video;

    /** Adds {@code nanos} of received audio; returns the session's audio time so far. */
    long addAudio(long nanos) {
        return audioNanos.addAndGet(nanos);
    }

    void videoSeen() {
        video = true;
    }

    /** Audio time received so far, in nanoseconds. */
    public long audioNanos() {
        return audioNanos.get();
    }

    /** Whether the session received video: the shorter audio-and-video limit applies. */
    public boolean hasVideo() {
        return video;
    }
}
