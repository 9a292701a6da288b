package io.github.camelgeminilive.protocol;

import java.time.Duration;

/** Speech start or end seen by the service ({@code ACTIVITY_START}/{@code ACTIVITY_END}). */
public record VoiceActivity(String voiceActivityType, Duration audioOffset) {
}
