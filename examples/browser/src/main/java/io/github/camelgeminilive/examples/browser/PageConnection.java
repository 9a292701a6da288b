package io.github.camelgeminilive.examples.browser;

import io.github.camelgeminilive.audio.AudioFormat;

/**
 * One page's audio WebSocket: the rate its microphone's PCM comes at, and how much audio it may still send. A page
 * sends its microphone in real time, so the audio it sent never runs ahead of the time since it connected by more
 * than a burst. Used by one connection's events, which arrive one at a time; {@link #closing()} may come from the
 * model's side.
 */
final class PageConnection {

    private final AudioFormat format;
    private final long openedNanos;
    private final long burstNanos;
    private long sentNanos;
    private volatile boolean closing;

    PageConnection(int sampleRate, long openedNanos, long burstNanos) {
        this.format = new AudioFormat(AudioFormat.Encoding.PCM, sampleRate);
        this.openedNanos = openedNanos;
        this.burstNanos = burstNanos;
    }

    /** The MIME type of the page's audio, e.g. {@code audio/pcm;rate=48000}. */
    String mimeType() {
        return format.mimeType();
    }

    /** Bytes of {@code nanos} of the page's audio. */
    int bytesFor(long nanos) {
        return (int) (nanos * format.sampleRate() / 1_000_000_000L) * 2;
    }

    /**
     * Takes a frame of {@code bytes} bytes of 16-bit PCM received at {@code now}.
     *
     * @return false when it would put the page's audio ahead of real time by more than the burst
     */
    boolean admit(int bytes, long now) {
        long frameNanos = bytes / 2 * 1_000_000_000L / format.sampleRate();
        if (sentNanos + frameNanos > now - openedNanos + burstNanos) {
            return false;
        }
        sentNanos += frameNanos;
        return true;
    }

    /**
     * The route is closing this connection: whatever it still sends is dropped. False when it was closing already:
     * the failures of frames that were on their way together close it once.
     */
    synchronized boolean closing() {
        boolean first = !closing;
        closing = true;
        return first;
    }

    boolean isClosing() {
        return closing;
    }
}
