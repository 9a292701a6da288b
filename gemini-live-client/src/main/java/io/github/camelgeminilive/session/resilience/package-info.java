/**
 * Internal, not API (public only for the client's other packages; may change without notice): the engine behind a
 * {@link io.github.camelgeminilive.session.ResilientSession}. {@code ResilientLiveSession} is the facade the
 * caller holds; {@code SessionPhases} is the phase machine that carries one conversation over a succession of
 * plain connections ({@code Link}s, each with its {@code Keepalive}), under one lock. Around it, each with one job:
 * {@code Attempts} (starting connections, judging failures), {@code Outage} (backoff, the stable-connection rule,
 * give-up), {@code Takeover} (a new connection takes over: the old ones' tool calls cancelled, replay and held
 * sends, the {@code Reconnected} report), {@code ResumptionHandles} (the handle to resume with, its validity and
 * store), {@code ReplayCoverage} (what a handle covers of the {@code ReplayBuffer}, which keeps the audio covered by an
 * estimate alone in {@code UnprovenAudio}), {@code Outbox} (the send path:
 * write, hold in {@code HeldSends}, replay; tool responses per {@code ToolCalls}), {@code PhaseTimer} (age limit,
 * drain deadline, retry), {@code TurnTracker} (safe points) and {@code ConversationLog} (the text that seeds a fresh
 * session). Connections hand their events in inline; the engine's {@code EventQueue} is the one queue to the
 * caller's listener.
 */
package io.github.camelgeminilive.session.resilience;
