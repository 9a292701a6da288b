package io.github.camelgeminilive.emulator.server;

import io.github.camelgeminilive.protocol.ClientMessage;

/**
 * A client message that passed validation, with what it adds to the counters.
 *
 * @param message      the decoded message
 * @param audioSamples 16-bit PCM samples it carries
 * @param videoFrames  image frames it carries
 */
record ValidatedMessage(ClientMessage message, long audioSamples, long videoFrames) {
}
