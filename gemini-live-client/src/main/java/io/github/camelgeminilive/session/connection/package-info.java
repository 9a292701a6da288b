/**
 * Internal, not API (public only for the client's other packages; may change without notice): one Live API session
 * over one WebSocket connection. {@code PlainLiveSession} keeps the session's states, performs the {@code setup}
 * handshake and closes with a grace; {@code FrameReceiver} bounds the received frames waiting for their turn,
 * parses them in order on the I/O thread that read them (one at a time), fans each message out into events
 * ({@code ServerEvents}) and hands them on, skipping malformed ones per {@code MalformedMessages};
 * {@code FrameSender} writes sends, validated and encoded on the caller's thread ({@code Inputs},
 * {@code EncodedFrame}), and maps their failures.
 */
package io.github.camelgeminilive.session.connection;
