package io.github.camelgeminilive.protocol;

/** How the service treats realtime input: activity detection, interruption, turn coverage. */
public record RealtimeInputConfig(AutomaticActivityDetection automaticActivityDetection, String activityHandling,
        String turnCoverage) {

    /** Server-side voice activity detection; {@code disabled: true} means the client sends activity signals. */
    public record AutomaticActivityDetection(Boolean disabled, String startOfSpeechSensitivity,
            String endOfSpeechSensitivity, Integer prefixPaddingMs, Integer silenceDurationMs) {
    }
}
