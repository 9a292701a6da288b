/**
 * Internal, not API (public only for the client's other packages; may change without notice): one Live API session
 * over one WebSocket connection. {@code PlainLiveSession} performs the {@code setup} handshake, parses received
 * frames on the I/O thread that read them (in order, one at a time) and fans each message out into events
 * ({@code ServerEvents}); sends are validated and encoded on the caller's thread ({@code Inputs},
 * {@code EncodedFrame}).
 */
package io.github.camelgeminilive.session.connection;
