package io.github.camelgeminilive.emulator.model;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Energy-based voice activity detection on 16-bit little-endian mono PCM at any rate. The audio is cut into 20 ms
 * frames; a frame whose RMS exceeds the threshold is speech. Speech starts with the first loud frame and ends once
 * {@code silence} of quiet frames followed it. All time is audio time (sample counts), never wall-clock time, so
 * the result depends only on the samples fed.
 */
final class EnergyVad {

    /** A change of the user's speech state. */
    sealed interface Event permits SpeechStarted, SpeechEnded {
    }

    /** The user started speaking. */
    record SpeechStarted() implements Event {
    }

    /** The user stopped speaking; {@code speech} is the voiced time, trailing silence excluded. */
    record SpeechEnded(Duration speech) implements Event {
    }

    /** RMS above which a frame counts as speech with the default (high) start sensitivity; about -36 dBFS. */
    static final double DEFAULT_THRESHOLD = 500;

    private static final int FRAMES_PER_SECOND = 50;

    private final long silenceLimitNanos;
    private final double threshold;
    private int rate;
    private long frameSumSquares;
    private int frameFill;
    private int frameSamples;
    private int pendingLowByte = -1;
    private boolean speaking;
    private long speechNanos;
    private long silenceNanos;

    EnergyVad(Duration silence, double threshold) {
        this.silenceLimitNanos = silence.toNanos();
        this.threshold = threshold;
    }

    boolean speaking() {
        return speaking;
    }

    /** Feeds audio at {@code sampleRate}; returns the speech events it caused, in order. */
    List<Event> feed(byte[] pcm, int sampleRate) {
        if (sampleRate != rate) {
            startFrames(sampleRate);
        }
        List<Event> events = List.of();
        int i = 0;
        if (pendingLowByte >= 0 && pcm.length > 0) { // a sample split across two messages
            int sample = (short) ((pcm[0] << 8) | pendingLowByte);
            pendingLowByte = -1;
            i = 1;
            frameSumSquares += (long) sample * sample;
            if (++frameFill == frameSamples) {
                events = closeFrame(events);
            }
        }
        while (i + 1 < pcm.length) {
            // whole samples up to the end of the frame or of the data, in one tight loop
            int samples = Math.min((pcm.length - i) / 2, frameSamples - frameFill);
            long sumSquares = 0;
            for (int end = i + 2 * samples; i < end; i += 2) {
                long sample = (short) ((pcm[i + 1] << 8) | (pcm[i] & 0xFF));
                sumSquares += sample * sample;
            }
            frameSumSquares += sumSquares;
            frameFill += samples;
            if (frameFill == frameSamples) {
                events = closeFrame(events);
            }
        }
        if (i < pcm.length) {
            pendingLowByte = pcm[i] & 0xFF;
        }
        return events;
    }

    /** The audio stream ended: speech in progress ends now. */
    Optional<SpeechEnded> flush() {
        pendingLowByte = -1;
        frameFill = 0;
        frameSumSquares = 0;
        return speaking ? Optional.of(endSpeech()) : Optional.empty();
    }

    private void startFrames(int sampleRate) {
        rate = sampleRate;
        frameSamples = Math.max(1, sampleRate / FRAMES_PER_SECOND);
        frameSumSquares = 0;
        frameFill = 0;
        pendingLowByte = -1;
    }

    /** Ends the current frame; returns {@code events} with the event it caused, if any. */
    private List<Event> closeFrame(List<Event> events) {
        Event event = frameDone();
        if (event == null) {
            return events;
        }
        List<Event> more = events.isEmpty() ? new ArrayList<>(1) : events;
        more.add(event);
        return more;
    }

    private Event frameDone() {
        double rms = Math.sqrt(frameSumSquares / (double) frameSamples);
        long frameNanos = frameSamples * 1_000_000_000L / rate;
        frameSumSquares = 0;
        frameFill = 0;
        if (rms > threshold) {
            Event started = null;
            if (!speaking) {
                speaking = true;
                speechNanos = 0;
                started = new SpeechStarted();
            } else {
                speechNanos += silenceNanos; // a pause inside speech is part of it
            }
            silenceNanos = 0;
            speechNanos += frameNanos;
            return started;
        }
        if (speaking) {
            silenceNanos += frameNanos;
            if (silenceNanos >= silenceLimitNanos) {
                return endSpeech();
            }
        }
        return null;
    }

    private SpeechEnded endSpeech() {
        speaking = false;
        silenceNanos = 0;
        return new SpeechEnded(Duration.ofNanos(speechNanos));
    }
}
