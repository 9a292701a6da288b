/**
 * Internal, not API (public only for the client's other packages; may change without notice): the engine behind a
 * {@link io.github.camelgeminilive.session.ResilientSession}. {@code ResilientLiveSession} is the facade the
 * caller holds; the engine runs one conversation over a succession of plain connections ({@code Link}s), with
 * a {@code ReplayBuffer}, {@code HeldSends}, a {@code Keepalive}, the {@code Outage} bookkeeping of the
 * {@code ReconnectPolicy}, {@code TurnTracker} and {@code ToolCalls}, and delivers through one bounded
 * {@code EventQueue}.
 */
package io.github.camelgeminilive.session.resilience;
