package io.github.camelgeminilive.protocol;

/** Explicit VAD signal ({@code VAD_SIGNAL_TYPE_SOS}/{@code VAD_SIGNAL_TYPE_EOS}), sent with {@code explicitVadSignal}. */
public record VoiceActivityDetectionSignal(String vadSignalType) {
}
