/**
 * One WebSocket connection to the Live API: {@link io.github.camelgeminilive.transport.WebSocketTransport} opens
 * connections that send text frames in call order and hand received text and binary messages to a handler.
 * {@link io.github.camelgeminilive.transport.UndertowTransport} implements it on Undertow's Jakarta WebSocket client
 * with TLS certificate and host name verification; {@link io.github.camelgeminilive.transport.HandshakeRequest#of}
 * builds the URL and credentials of each endpoint flavour from the
 * {@link io.github.camelgeminilive.transport.ConnectionOptions}, keeping secrets out of logs and exception texts.
 */
package io.github.camelgeminilive.transport;
