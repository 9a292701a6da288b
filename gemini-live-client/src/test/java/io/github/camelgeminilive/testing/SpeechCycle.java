package io.github.camelgeminilive.testing;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.concurrent.TimeUnit;

import org.awaitility.Awaitility;

import io.github.camelgeminilive.emulator.GeminiLiveEmulator;
import io.github.camelgeminilive.emulator.SessionInfo;
import io.github.camelgeminilive.protocol.RealtimeInputConfig;
import io.github.camelgeminilive.protocol.RealtimeInputConfig.AutomaticActivityDetection;
import io.github.camelgeminilive.protocol.Setup;
import io.github.camelgeminilive.session.LiveEvent;
import io.github.camelgeminilive.session.ResilientSession;
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

    /**
     * After a call that said "My name is Alice" and then streamed {@code sent} samples of the cycle across one or more
     * moves: asks for the name (the session still remembers it), then checks the emulator's session state holds every
     * sample sent, or lacks no more than the moves reported as lost or possibly lost (without the service's consumed
     * index a handle's coverage is the client's estimate, which a service reading late can beat: the client says so,
     * it never loses audio silently), at most {@link #MAX_DOUBLED_PER_RECONNECT} more per move, and that the session
     * never closed. Prints the figures under {@code label}.
     */
    public static SessionInfo assertCarriedOver(GeminiLiveEmulator emulator, ResilientSession session,
            EventRecorder events, long sent, String label) throws Exception {
        // ends the utterance in progress; the answer to the question then comes after every frame was read
        session.sendAudioStreamEnd().get(5, TimeUnit.SECONDS);
        int after = events.size();
        session.sendText("What is my name?").get(5, TimeUnit.SECONDS);
        Awaitility.await().atMost(Duration.ofSeconds(10))
                .until(() -> Resilience.transcript(events, after).contains("Alice"));
        SessionInfo info = emulator.admin().session(session.sessionId()).orElseThrow();
        int reconnects = events.of(LiveEvent.Reconnected.class).size();
        long doubled = info.audioSamplesInState() - sent;
        long reported = events.of(LiveEvent.Reconnected.class).stream()
                .mapToLong(
                        r -> r.audioLost().plus(r.audioPossiblyLost()).toNanos() * SAMPLES_PER_SECOND / 1_000_000_000L)
                .sum();
        System.out.printf("%s: %d samples sent, %d in state, %d reconnect(s), %d connections, %.3f s doubled,"
                + " %d samples reported lost or possibly lost%n", label, sent, info.audioSamplesInState(), reconnects,
                info.connectionsOpened(), doubled / (double) SAMPLES_PER_SECOND, reported);
        assertThat(events.of(LiveEvent.Closed.class)).isEmpty();
        assertThat(info.audioSamplesInState())
                .as("samples in state (below the samples sent: lost; %d reported as lost or possibly lost)", reported)
                .isGreaterThanOrEqualTo(sent - reported);
        assertThat(doubled).as("samples doubled over %d reconnect(s)", reconnects)
                .isLessThanOrEqualTo(reconnects * MAX_DOUBLED_PER_RECONNECT);
        return info;
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
