package io.github.camelgeminilive.session.resilience;

/**
 * Audio frames a handle was only estimated to cover (see {@link ReplayCoverage}), oldest first, until a read proof
 * covers them or a resume reports them as possibly lost; all of the current connection (a takeover reports and
 * forgets them). Only where each frame was written, its size and its audio length are kept, not the message, which
 * can no longer be replayed and would otherwise stay on the heap until a read proof covers it. Bounded like the
 * {@link ReplayBuffer} (a proof that never comes must not grow it); what the bounds force out stays possibly lost.
 * Not thread-safe: the resilient session guards it.
 */
final class UnprovenAudio {

    private static final int CONNECTION = 0;
    private static final int INDEX = 1;
    private static final int BYTES = 2;
    private static final int AUDIO = 3;

    private final long maxBytes;
    private final long maxAudioNanos;
    private final RecordRing<Void> frames = new RecordRing<>(4);
    private long totalBytes;
    private long totalAudioNanos;
    /** Audio the bounds forced out unproven: possibly lost whatever a later proof says. */
    private long forgottenNanos;

    UnprovenAudio(long maxBytes, long maxAudioNanos) {
        this.maxBytes = maxBytes;
        this.maxAudioNanos = maxAudioNanos;
    }

    /** Remembers a frame of {@code frameBytes} with {@code nanos} of audio, message {@code index} of a connection. */
    void add(int connection, long index, long frameBytes, long nanos) {
        long seq = frames.append();
        frames.set(seq, CONNECTION, connection);
        frames.set(seq, INDEX, index);
        frames.set(seq, BYTES, frameBytes);
        frames.set(seq, AUDIO, nanos);
        totalBytes += frameBytes;
        totalAudioNanos += nanos;
        while (!frames.isEmpty() && (totalBytes > maxBytes || totalAudioNanos > maxAudioNanos)) {
            forgottenNanos += removeFirst();
        }
    }

    /** A proof: the service read the messages of {@code connection} up to index {@code last}. */
    void provenUpTo(int connection, long last) {
        while (!frames.isEmpty() && frames.get(frames.first(), CONNECTION) == connection
                && frames.get(frames.first(), INDEX) <= last) {
            removeFirst();
        }
    }

    /** The audio no proof covered, in nanoseconds, since the last call; forgets it all. */
    long takePossiblyLostNanos() {
        long possiblyLost = totalAudioNanos + forgottenNanos;
        frames.clear();
        totalBytes = 0;
        totalAudioNanos = 0;
        forgottenNanos = 0;
        return possiblyLost;
    }

    /** Removes the oldest frame; returns its audio in nanoseconds. */
    private long removeFirst() {
        long seq = frames.first();
        long audio = frames.get(seq, AUDIO);
        totalBytes -= frames.get(seq, BYTES);
        totalAudioNanos -= audio;
        frames.removeFirst();
        return audio;
    }
}
