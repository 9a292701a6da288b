/**
 * Live API sessions without Camel: {@link io.github.camelgeminilive.session.LiveClient} connects and performs the
 * {@code setup} handshake; a {@link io.github.camelgeminilive.session.LiveSession} sends every client message kind
 * and fans each server message out into typed {@link io.github.camelgeminilive.session.LiveEvent}s, delivered in
 * order on a shared pool; close codes become typed {@link io.github.camelgeminilive.session.LiveSessionException}s.
 * {@link io.github.camelgeminilive.session.LiveClient#connectResilient} opens a
 * {@link io.github.camelgeminilive.session.ResilientSession} that survives go-aways, drops and restarts: the
 * facade {@code ResilientLiveSession} hands every send to the {@code Handover} state machine, which runs plain
 * connections ({@code Link}) with a
 * {@code ReplayBuffer}, {@code HeldSends}, a {@code Keepalive}, the {@code ReconnectPolicy}'s backoff, {@code TurnTracker} and
 * {@code ToolCalls}, and delivers through a bounded {@code EventQueue}.
 */
package io.github.camelgeminilive.session;
