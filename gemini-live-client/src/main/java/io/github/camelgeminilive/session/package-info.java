/**
 * Live API sessions without Camel: {@link io.github.camelgeminilive.session.LiveClient} connects and performs the
 * {@code setup} handshake; a {@link io.github.camelgeminilive.session.LiveSession} sends every client message kind
 * and fans each server message out into typed {@link io.github.camelgeminilive.session.LiveEvent}s, delivered in
 * order on a shared pool; close codes become typed {@link io.github.camelgeminilive.session.LiveSessionException}s.
 */
package io.github.camelgeminilive.session;
