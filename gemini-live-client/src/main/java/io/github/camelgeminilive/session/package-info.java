/**
 * The client's public API, Live API sessions without Camel: {@link io.github.camelgeminilive.session.LiveClient}
 * connects and performs the {@code setup} handshake; a {@link io.github.camelgeminilive.session.LiveSession} sends
 * every client message kind and fans each server message out into typed
 * {@link io.github.camelgeminilive.session.LiveEvent}s, delivered in order on a shared pool; close codes become typed
 * {@link io.github.camelgeminilive.session.LiveSessionException}s.
 * {@link io.github.camelgeminilive.session.LiveClient#connectResilient} opens a
 * {@link io.github.camelgeminilive.session.ResilientSession} that survives go-aways, drops and restarts.
 *
 * <p>Everything else lives in internal packages (not API, may change without notice): {@code session.connection}
 * (one plain session over one connection), {@code session.delivery} (the bounded, ordered hand-off of events to a
 * listener) and {@code session.resilience} (the engine behind a resilient session).
 */
package io.github.camelgeminilive.session;
