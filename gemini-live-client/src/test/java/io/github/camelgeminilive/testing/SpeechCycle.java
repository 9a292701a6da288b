package io.github.camelgeminilive.testing;

import io.github.camelgeminilive.protocol.RealtimeInputConfig;
import io.github.camelgeminilive.protocol.RealtimeInputConfig.AutomaticActivityDetection;
import io.github.camelgeminilive.protocol.Setup;
import io.github.camelgeminilive.session.SessionOptions;

/**
 * A caller speaking in real time: 100 ms of speech in every 500 ms. With {@link #session()} the emulator ends each
 * utterance after 200 ms of silence and, once it answered, sends a handle covering the audio so far: a handle twice a
 * second, all through a stream. What the reconnect tests stream and measure doubled audio against.
 */
public final class SpeechCycle {

    public static final long SAMPLES_PER_SECOND = 16_000;
    /** Most audio a move may double: {@code coverageLag} (300 ms) plus frames in flight, with room. */
    public static final long MAX_DOUBLED_PER_RECONNECT = SAMPLES_PER_SECOND / 2;

    private static final byte[] SPEECH = tone();
    private static final byte[] SILENCE = new byte[AudioProducer.FRAME_BYTES];

    private SpeechCycle() {
    }

    /** The 20 ms frame number {@code n} of the cycle. */
    public static byte[] frame(long n) {
        return n % 25 < 5 ? SPEECH : SILENCE;
    }

    /** A session whose voice activity detection ends an utterance after 200 ms of silence; transcripts on. */
    public static SessionOptions session() {
        return SessionOptions.of(Setup.builder(Resilience.MODEL).outputAudioTranscription(true)
                .realtimeInputConfig(new RealtimeInputConfig(new AutomaticActivityDetection(null, null, null, null,
                        200), null, null))
                .build());
    }

    /** Speech-like tone, loud enough for the emulator's voice activity detection. */
    private static byte[] tone() {
        byte[] pcm = new byte[AudioProducer.FRAME_BYTES];
        for (int i = 0; i < pcm.length / 2; i++) {
            short v = (short) Math.round(Math.sin(2 * Math.PI * 440 * i / SAMPLES_PER_SECOND) * 8000);
            pcm[2 * i] = (byte) v;
            pcm[2 * i + 1] = (byte) (v >> 8);
        }
        return pcm;
    }
}
