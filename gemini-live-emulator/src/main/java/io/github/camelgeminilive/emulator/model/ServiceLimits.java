package io.github.camelgeminilive.emulator.model;

import java.time.Duration;
import java.util.Objects;

/**
 * The real service's limits as the emulator enforces them. A zero duration or count turns that limit off.
 *
 * @param connectionLifetime  how long one connection lasts; {@code goAway} comes {@code goAwayBefore} ahead of the
 *                            close (1000). Default 10 min
 * @param goAwayBefore        how long before the lifetime ends {@code goAway} is sent. Default 60 s
 * @param audioSessionLength  media time an audio-only session may stream without {@code contextWindowCompression}
 *                            (across resumed connections), then closed with 1011. Default 15 min
 * @param videoSessionLength  the same once the session received video. Default 2 min
 * @param contextWindowTokens the context window in estimated tokens: compression (when set up) keeps the
 *                            conversation under it, else exceeding it closes the session with 1007. Default 128k
 * @param concurrentSessions  open sessions per key; one more is refused with 1011. Default 0 (no quota)
 */
public record ServiceLimits(Duration connectionLifetime, Duration goAwayBefore, Duration audioSessionLength,
        Duration videoSessionLength, long contextWindowTokens, int concurrentSessions) {

    /** The documented values (see docs/wire-protocol.md, Limits); no quota, so load runs are not refused. */
    public static final ServiceLimits DEFAULTS = new ServiceLimits(Duration.ofMinutes(10), Duration.ofSeconds(60),
            Duration.ofMinutes(15), Duration.ofMinutes(2), 128_000, 0);

    /** Every limit off. */
    public static final ServiceLimits NONE = new ServiceLimits(Duration.ZERO, Duration.ZERO, Duration.ZERO,
            Duration.ZERO, 0, 0);

    public ServiceLimits {
        requireNotNegative(connectionLifetime, "connectionLifetime");
        requireNotNegative(goAwayBefore, "goAwayBefore");
        requireNotNegative(audioSessionLength, "audioSessionLength");
        requireNotNegative(videoSessionLength, "videoSessionLength");
        if (contextWindowTokens < 0) {
            throw new IllegalArgumentException("contextWindowTokens must be 0 (off) or positive, got "
                    + contextWindowTokens);
        }
        if (concurrentSessions < 0) {
            throw new IllegalArgumentException("concurrentSessions must be 0 (off) or positive, got "
                    + concurrentSessions);
        }
    }

    /**
     * Limits to lay over others: each non-null value replaces the one below it.
     *
     * @param connectionLifetime  see {@link ServiceLimits}, or null to keep
     * @param goAwayBefore        see {@link ServiceLimits}, or null to keep
     * @param audioSessionLength  see {@link ServiceLimits}, or null to keep
     * @param videoSessionLength  see {@link ServiceLimits}, or null to keep
     * @param contextWindowTokens see {@link ServiceLimits}, or null to keep
     * @param concurrentSessions  see {@link ServiceLimits}, or null to keep
     */
    public record Overrides(Duration connectionLifetime, Duration goAwayBefore, Duration audioSessionLength,
            Duration videoSessionLength, Long contextWindowTokens, Integer concurrentSessions) {

        public static final Overrides NONE = new Overrides(null, null, null, null, null, null);

        /** {@code base} with these values laid over it; validated. */
        public ServiceLimits over(ServiceLimits base) {
            return new ServiceLimits(
                    Objects.requireNonNullElse(connectionLifetime, base.connectionLifetime()),
                    Objects.requireNonNullElse(goAwayBefore, base.goAwayBefore()),
                    Objects.requireNonNullElse(audioSessionLength, base.audioSessionLength()),
                    Objects.requireNonNullElse(videoSessionLength, base.videoSessionLength()),
                    Objects.requireNonNullElse(contextWindowTokens, base.contextWindowTokens()),
                    Objects.requireNonNullElse(concurrentSessions, base.concurrentSessions()));
        }
    }

    private static void requireNotNegative(Duration d, String name) {
        Objects.requireNonNull(d, name);
        if (d.isNegative()) {
            throw new IllegalArgumentException(name + " must be zero (off) or positive, got " + d);
        }
    }
}
