package io.github.camelgeminilive.session;

import java.time.Duration;
import java.util.Objects;

/**
 * How a {@link ResilientSession} survives go-aways, drops and restarts.
 *
 * @param reconnect             backoff for unplanned reconnects
 * @param replayBufferBytes     most bytes of sent client messages kept for replay after the newest handle, at most
 *                              {@link #MAX_REPLAY_BUFFER_BYTES}
 * @param replayBufferDuration  most audio (by sample count) kept for replay
 * @param heldSendLimit         most sends held while reconnecting, before {@code overflowPolicy} applies
 * @param heldSendBytes         most bytes (encoded frames) held while reconnecting, before {@code overflowPolicy}
 *                              applies
 * @param overflowPolicy        what happens to a send beyond {@code heldSendLimit}
 * @param pingInterval          WebSocket ping interval (null: no pings)
 * @param pingTimeout           no pong for this long: the connection is half-open, reconnect (must exceed the
 *                              service's slow pongs, 8-30 s)
 * @param goAwayMargin          hard deadline for the drain: this long before {@code timeLeft} runs out
 * @param maxConnectionAge      move to a new connection proactively at this age (null: only on go-away)
 * @param transparent           ask for {@code transparent} resumption ({@code lastConsumedClientMessageIndex})
 * @param coverageLag           without a consumed index (the Gemini API): a handle is taken to cover the messages
 *                              whose write reached the socket at least this long before the handle's frame was
 *                              read, besides those a pong proved read. A resume then doubles at most the audio
 *                              written in that time: this much (plus up to 1/32 of it) in real time, more if sent
 *                              faster; a message is lost only if its trip to the service plus the handle's trip back
 *                              took longer. Null: only what a pong proved read (nothing lost,
 *                              but the service's pongs come 8-30 s late, and that much may be heard twice)
 * @param seedFreshSession      when resumption is impossible, seed a fresh session with the conversation so far
 * @param handleStore           where handles are kept
 * @param handleKey             the key in {@code handleStore}; null: do not persist
 */
public record ResilienceOptions(
        ReconnectPolicy reconnect,
        long replayBufferBytes,
        Duration replayBufferDuration,
        int heldSendLimit,
        long heldSendBytes,
        OverflowPolicy overflowPolicy,
        Duration pingInterval,
        Duration pingTimeout,
        Duration goAwayMargin,
        Duration maxConnectionAge,
        boolean transparent,
        Duration coverageLag,
        boolean seedFreshSession,
        ResumptionHandleStore handleStore,
        String handleKey) {

    public ResilienceOptions {
        Objects.requireNonNull(reconnect, "reconnect");
        Objects.requireNonNull(overflowPolicy, "overflowPolicy");
        Objects.requireNonNull(handleStore, "handleStore");
        Objects.requireNonNull(goAwayMargin, "goAwayMargin");
        if (replayBufferBytes <= 0 || heldSendLimit <= 0 || heldSendBytes <= 0) {
            throw new IllegalArgumentException("replayBufferBytes, heldSendLimit and heldSendBytes must be positive");
        }
        if (replayBufferBytes > MAX_REPLAY_BUFFER_BYTES) {
            throw new IllegalArgumentException("replayBufferBytes must be at most " + MAX_REPLAY_BUFFER_BYTES
                    + " (1 GiB): the replay buffer keeps its bytes in one array");
        }
        if (pingInterval != null && (pingTimeout == null || pingTimeout.compareTo(pingInterval) <= 0)) {
            throw new IllegalArgumentException("pingTimeout must be set and longer than pingInterval");
        }
    }

    /** The largest {@link #replayBufferBytes}: 1 GiB. */
    public static final long MAX_REPLAY_BUFFER_BYTES = 1L << 30;

    /** Default {@link #coverageLag}: the service is taken to have read, within 300 ms, what the client wrote. */
    public static final Duration DEFAULT_COVERAGE_LAG = Duration.ofMillis(300);

    /**
     * 8 MiB / 120 s of replay, 2000 held sends or 16 MiB failing when full, a ping every 15 s tolerating 60 s
     * without a pong, drain until 2 s before the go-away deadline, no proactive move, not transparent, a handle
     * covers what was written {@link #DEFAULT_COVERAGE_LAG} before it arrived, no seeding, handles in memory and not
     * persisted.
     */
    public static ResilienceOptions defaults() {
        return new ResilienceOptions(ReconnectPolicy.defaults(), 8L * 1024 * 1024, Duration.ofSeconds(120), 2000,
                16L * 1024 * 1024, OverflowPolicy.FAIL, Duration.ofSeconds(15), Duration.ofSeconds(60),
                Duration.ofSeconds(2), null, false, DEFAULT_COVERAGE_LAG, false, new InMemoryResumptionHandleStore(),
                null);
    }

    /** These options with another reconnect policy. */
    public ResilienceOptions withReconnect(ReconnectPolicy policy) {
        return new ResilienceOptions(policy, replayBufferBytes, replayBufferDuration, heldSendLimit, heldSendBytes,
                overflowPolicy, pingInterval, pingTimeout, goAwayMargin, maxConnectionAge, transparent, coverageLag,
                seedFreshSession, handleStore, handleKey);
    }

    /** These options with other replay bounds. */
    public ResilienceOptions withReplayBuffer(long bytes, Duration audio) {
        return new ResilienceOptions(reconnect, bytes, audio, heldSendLimit, heldSendBytes, overflowPolicy,
                pingInterval, pingTimeout, goAwayMargin, maxConnectionAge, transparent, coverageLag, seedFreshSession,
                handleStore, handleKey);
    }

    /** These options with other bounds (count, bytes) and policy for sends held while reconnecting. */
    public ResilienceOptions withHeldSends(int limit, long bytes, OverflowPolicy policy) {
        return new ResilienceOptions(reconnect, replayBufferBytes, replayBufferDuration, limit, bytes, policy,
                pingInterval, pingTimeout, goAwayMargin, maxConnectionAge, transparent, coverageLag, seedFreshSession,
                handleStore, handleKey);
    }

    /** These options with other keepalive pings ({@code interval} null: none). */
    public ResilienceOptions withKeepalive(Duration interval, Duration timeout) {
        return new ResilienceOptions(reconnect, replayBufferBytes, replayBufferDuration, heldSendLimit, heldSendBytes,
                overflowPolicy, interval, timeout, goAwayMargin, maxConnectionAge, transparent, coverageLag,
                seedFreshSession, handleStore, handleKey);
    }

    /** These options with another proactive move age (null: only on go-away). */
    public ResilienceOptions withMaxConnectionAge(Duration age) {
        return new ResilienceOptions(reconnect, replayBufferBytes, replayBufferDuration, heldSendLimit, heldSendBytes,
                overflowPolicy, pingInterval, pingTimeout, goAwayMargin, age, transparent, coverageLag,
                seedFreshSession, handleStore, handleKey);
    }

    /** These options asking, or not, for transparent resumption. */
    public ResilienceOptions withTransparent(boolean on) {
        return new ResilienceOptions(reconnect, replayBufferBytes, replayBufferDuration, heldSendLimit, heldSendBytes,
                overflowPolicy, pingInterval, pingTimeout, goAwayMargin, maxConnectionAge, on, coverageLag,
                seedFreshSession, handleStore, handleKey);
    }

    /** These options with another {@link #coverageLag} (null: only what a pong proved read). */
    public ResilienceOptions withCoverageLag(Duration lag) {
        return new ResilienceOptions(reconnect, replayBufferBytes, replayBufferDuration, heldSendLimit, heldSendBytes,
                overflowPolicy, pingInterval, pingTimeout, goAwayMargin, maxConnectionAge, transparent, lag,
                seedFreshSession, handleStore, handleKey);
    }

    /** These options keeping handles in {@code store} under {@code key}, seeding a fresh session or not. */
    public ResilienceOptions withHandles(ResumptionHandleStore store, String key, boolean seedFresh) {
        return new ResilienceOptions(reconnect, replayBufferBytes, replayBufferDuration, heldSendLimit, heldSendBytes,
                overflowPolicy, pingInterval, pingTimeout, goAwayMargin, maxConnectionAge, transparent, coverageLag,
                seedFresh, store, key);
    }
}
