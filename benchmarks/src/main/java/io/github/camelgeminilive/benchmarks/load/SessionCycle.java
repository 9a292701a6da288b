package io.github.camelgeminilive.benchmarks.load;

import io.github.camelgeminilive.benchmarks.jmh.AudioFrames;

/**
 * What every simulated caller says, 20 ms frame by frame, in a 2.5 s cycle: 100 ms of speech-like tone, then
 * silence. With {@code silenceDurationMs = 200} the emulator's VAD (20 ms frames of audio time) ends the utterance
 * exactly on frame {@link #END_OF_SPEECH_FRAME}, answers at once with {@code inputTranscription} and streams
 * "You said: [speech 0.10 s]" (1.75 s of audio, 44 chunks of 40 ms) well before the next cycle starts.
 */
final class SessionCycle {

    static final int FRAME_NANOS = 20_000_000;
    static final int FRAMES = 125;
    static final int SPEECH_FRAMES = 5;
    static final int SILENCE_MS = 200;
    /** The frame whose arrival completes 200 ms of silence: the emulator's end of speech. */
    static final int END_OF_SPEECH_FRAME = SPEECH_FRAMES + SILENCE_MS / 20 - 1;
    /** Audio per reply chunk and spoken time per transcript character (the emulator's default model). */
    static final long CHUNK_NANOS = 40_000_000L;
    static final long NANOS_PER_CHARACTER = 70_000_000L;
    static final int SAMPLES_PER_FRAME = AudioFrames.INPUT_FRAME_BYTES / 2;

    static final byte[] SPEECH = AudioFrames.tone(AudioFrames.INPUT_FRAME_BYTES, 16_000, 8000, 3);
    static final byte[] SILENCE = new byte[AudioFrames.INPUT_FRAME_BYTES];

    private SessionCycle() {
    }

    static byte[] frame(long frameNumber) {
        return frameNumber % FRAMES < SPEECH_FRAMES ? SPEECH : SILENCE;
    }

    static boolean endOfSpeech(long frameNumber) {
        return frameNumber % FRAMES == END_OF_SPEECH_FRAME;
    }

    /** Reply chunks the emulator streams for a transcript of this many characters. */
    static long expectedChunks(int transcriptCharacters) {
        long nanos = transcriptCharacters * NANOS_PER_CHARACTER;
        long samples = nanos / 1_000_000 * 24;
        return (samples + 959) / 960;
    }
}
