package io.github.camelgeminilive.emulator.server;

import java.util.concurrent.atomic.LongAdder;

/** What one connection received: client messages after setup, audio samples and video frames. Thread-safe. */
final class ConnectionCounters {

    private final LongAdder clientMessages = new LongAdder();
    private final LongAdder audioSamples = new LongAdder();
    private final LongAdder videoFrames = new LongAdder();

    void record(ValidatedMessage m) {
        clientMessages.increment();
        audioSamples.add(m.audioSamples());
        videoFrames.add(m.videoFrames());
    }

    long clientMessages() {
        return clientMessages.sum();
    }

    long audioSamples() {
        return audioSamples.sum();
    }

    long videoFrames() {
        return videoFrames.sum();
    }
}
