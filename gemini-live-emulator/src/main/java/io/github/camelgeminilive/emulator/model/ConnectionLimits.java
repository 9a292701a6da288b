package io.github.camelgeminilive.emulator.model;

import java.time.Duration;
import java.util.List;

import io.github.camelgeminilive.protocol.Content;
import io.github.camelgeminilive.protocol.Setup;
import io.github.camelgeminilive.protocol.Setup.ContextWindowCompressionConfig;

/**
 * Enforces the service's {@link ServiceLimits} on one connection: its lifetime ({@code goAway} ahead of the close),
 * the session's length without compression, and the context window (compressed when the setup asks for it).
 * Called under the connection's lock.
 */
final class ConnectionLimits {

    /** What the service sends when a session outlived its length: a deadline, as a 1011 internal error. */
    static final String SESSION_ENDED = "Deadline expired before operation could complete.";
    /** The service's default compression trigger: 80% of the context window. */
    private static final double DEFAULT_TRIGGER_SHARE = 0.8;

    /** How the connection ends. */
    interface Ending {
        /** Sends {@code goAway} and closes normally once {@code timeLeft} has run out. */
        void goAway(Duration timeLeft);

        void close(int code, String reason);
    }

    private final ServiceLimits limits;
    private final SessionClock clock;
    private final Ending ending;
    private final boolean compression;
    private final long triggerTokens;
    private final long targetTokens;

    ConnectionLimits(ServiceLimits limits, Setup setup, SessionClock clock, Ending ending) {
        this.limits = limits;
        this.clock = clock;
        this.ending = ending;
        ContextWindowCompressionConfig config = setup.contextWindowCompression();
        this.compression = config != null;
        long window = limits.contextWindowTokens();
        long trigger = config == null || config.triggerTokens() == null || config.triggerTokens() <= 0
                ? (long) (window * DEFAULT_TRIGGER_SHARE) : config.triggerTokens();
        // a trigger beyond the window would let the window overflow first
        this.triggerTokens = window > 0 ? Math.min(trigger, window) : trigger;
        Long target = config == null || config.slidingWindow() == null ? null
                : config.slidingWindow().targetTokens();
        this.targetTokens = target == null || target < 0 || target > triggerTokens ? triggerTokens / 2 : target;
    }

    /** Starts the lifetime; ends a session at once that outlived its length before this connection resumed it. */
    void start(ConnectionTimers timers) {
        Duration lifetime = limits.connectionLifetime();
        if (!lifetime.isZero()) {
            Duration timeLeft = lifetime.compareTo(limits.goAwayBefore()) < 0 ? lifetime : limits.goAwayBefore();
            timers.schedule(() -> ending.goAway(timeLeft), lifetime.minus(timeLeft).toNanos());
        }
        checkLength();
    }

    /** {@code nanos} of audio arrived. */
    void audio(long nanos) {
        clock.addAudio(nanos);
        checkLength();
    }

    /** A video frame arrived: the session is one of audio and video from now on. */
    void video() {
        clock.videoSeen();
        checkLength();
    }

    private void checkLength() {
        if (compression) {
            return; // with compression the service does not limit the session's length
        }
        Duration limit = clock.hasVideo() ? limits.videoSessionLength() : limits.audioSessionLength();
        if (!limit.isZero() && clock.audioNanos() >= limit.toNanos()) {
            ending.close(1011, SESSION_ENDED);
        }
    }

    /**
     * Before a turn runs: with compression, drops the oldest turns of {@code history} down to the target once the
     * conversation reached the trigger; without, ends the session when the conversation exceeds the window.
     *
     * @return false when the connection was closed
     */
    boolean fitWindow(Content systemInstruction, List<Content> history) {
        synchronized (history) {
            long tokens = UsageEstimator.promptTokens(systemInstruction, history);
            if (compression && triggerTokens > 0) {
                if (tokens >= triggerTokens) {
                    // the newest turn, the one about to be answered, always stays
                    while (tokens > targetTokens && history.size() > 1) {
                        tokens -= UsageEstimator.contentTokens(history.remove(0));
                    }
                }
                return true;
            }
            long window = limits.contextWindowTokens();
            if (window > 0 && tokens > window) {
                ending.close(1007, "The input token count (" + tokens + ") exceeds the maximum number of tokens "
                        + "allowed (" + window + ").");
                return false;
            }
            return true;
        }
    }
}
