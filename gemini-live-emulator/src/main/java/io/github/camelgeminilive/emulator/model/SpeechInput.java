package io.github.camelgeminilive.emulator.model;

import java.time.Duration;

import io.github.camelgeminilive.protocol.Blob;
import io.github.camelgeminilive.protocol.MimeTypes;
import io.github.camelgeminilive.protocol.RealtimeInputConfig;
import io.github.camelgeminilive.protocol.RealtimeInputConfig.AutomaticActivityDetection;

/**
 * Turns the user's realtime audio signals into speech start and end. With automatic activity detection (the
 * default) an {@link EnergyVad} finds them, ending speech after {@code silenceDurationMs} (default 800 ms) of
 * silence or at {@code audioStreamEnd}; when it is disabled, {@code activityStart}/{@code activityEnd} delimit the
 * speech and the audio between them gives its length. Signals the configured mode does not allow are rejected.
 */
final class SpeechInput {

    /** Default {@code silenceDurationMs}. */
    static final Duration DEFAULT_SILENCE = Duration.ofMillis(800);
    /** The PCM rates the service takes: any other is refused (1007) rather than guessed at. */
    static final int MIN_RATE = 1_000;
    static final int MAX_RATE = 192_000;

    /** What the connection hears. */
    interface Listener {
        void speechStarted();

        void speechEnded(Duration speech);
    }

    private final Listener listener;
    private final EnergyVad vad;
    private boolean activityOpen;
    private long activityNanos;
    // the MIME type of the last audio and its rate: clients repeat the same one 50 times a second
    private String mimeType;
    private int rate;

    SpeechInput(RealtimeInputConfig config, Listener listener) {
        this.listener = listener;
        AutomaticActivityDetection aad = config == null ? null : config.automaticActivityDetection();
        if (aad != null && Boolean.TRUE.equals(aad.disabled())) {
            this.vad = null;
        } else {
            Duration silence = aad == null || aad.silenceDurationMs() == null ? DEFAULT_SILENCE
                    : Duration.ofMillis(aad.silenceDurationMs());
            boolean lowSensitivity = aad != null && "START_SENSITIVITY_LOW".equals(aad.startOfSpeechSensitivity());
            this.vad = new EnergyVad(silence, lowSensitivity ? 2 * EnergyVad.DEFAULT_THRESHOLD
                    : EnergyVad.DEFAULT_THRESHOLD);
        }
    }

    /** The user is speaking (an utterance has started and not ended). */
    boolean speaking() {
        return vad == null ? activityOpen : vad.speaking();
    }

    /** Audio from {@code realtimeInput.audio} (or a deprecated media chunk); returns its length in nanoseconds. */
    long audio(Blob audio) {
        if (mimeType == null || !mimeType.equals(audio.mimeType())) {
            rate = sampleRate(audio.mimeType());
            mimeType = audio.mimeType();
        }
        byte[] data = audio.data() == null ? new byte[0] : audio.data();
        long nanos = (data.length / 2) * 1_000_000_000L / rate;
        if (vad == null) {
            if (activityOpen) {
                activityNanos += nanos;
            }
            return nanos;
        }
        for (EnergyVad.Event e : vad.feed(data, rate)) {
            if (e instanceof EnergyVad.SpeechEnded ended) {
                listener.speechEnded(ended.speech());
            } else {
                listener.speechStarted();
            }
        }
        return nanos;
    }

    /** The rate of a PCM MIME type, parsed as the client parses it, within the rates the service takes. */
    private static int sampleRate(String mimeType) {
        int rate;
        try {
            rate = MimeTypes.pcmRate(mimeType, MimeTypes.PCM_INPUT_RATE);
        } catch (IllegalArgumentException e) {
            throw new InvalidClientInput("realtimeInput.audio: " + e.getMessage());
        }
        if (rate < MIN_RATE || rate > MAX_RATE) {
            throw new InvalidClientInput("Unsupported PCM sample rate in MIME type '" + mimeType + "': the service "
                    + "takes " + MIN_RATE + " to " + MAX_RATE + " Hz");
        }
        return rate;
    }

    void activityStart() {
        requireManual("activityStart");
        if (activityOpen) {
            throw new InvalidClientInput("activityStart while an activity is already open");
        }
        activityOpen = true;
        activityNanos = 0;
        listener.speechStarted();
    }

    void activityEnd() {
        requireManual("activityEnd");
        if (!activityOpen) {
            throw new InvalidClientInput("activityEnd without a preceding activityStart");
        }
        activityOpen = false;
        listener.speechEnded(Duration.ofNanos(activityNanos));
    }

    void audioStreamEnd() {
        if (vad == null) {
            throw new InvalidClientInput(
                    "audioStreamEnd is only allowed with automatic activity detection (it is disabled)");
        }
        vad.flush().ifPresent(ended -> listener.speechEnded(ended.speech()));
    }

    private void requireManual(String signal) {
        if (vad != null) {
            throw new InvalidClientInput(signal
                    + " requires realtimeInputConfig.automaticActivityDetection.disabled: true");
        }
    }
}
