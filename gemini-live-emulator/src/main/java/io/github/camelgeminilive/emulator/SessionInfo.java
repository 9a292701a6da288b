package io.github.camelgeminilive.emulator;

import java.util.List;

/**
 * A snapshot of one emulated session. Counters count client messages after {@code setup} (setup itself is not
 * counted), 16-bit audio samples and video frames received; the session totals sum all its connections.
 *
 * <p>{@code audioSamplesInState} is what a resilience test asserts on: the samples of the client messages the
 * session's state includes. A resume rolls it back to the value captured with the handle (which covers exactly the
 * messages up to the handle's {@code lastConsumedClientMessageIndex}), and every message received afterwards adds
 * to it. So after a correct replay it equals the samples the client sent, each counted once; a lost message shows
 * as a deficit, a duplicated one as a surplus. {@code audioSamplesReceived} counts raw arrivals, duplicates included.
 *
 * @param sessionId            the id sent in {@code setupComplete}
 * @param model                the model named in the session's setup
 * @param openConnections      connections of the session that are open now (0 or 1; a frozen one counts as open)
 * @param connectionsOpened    connections that completed setup for the session (the first one and every resume)
 * @param clientMessages       client messages after setup, all connections
 * @param audioSamplesReceived 16-bit PCM samples received, all connections, duplicates included
 * @param audioSamplesInState  16-bit PCM samples included in the session's state (see above)
 * @param videoFrames          image frames received, all connections
 * @param historySize          turns in the session's conversation
 * @param connections          every connection of the session, oldest first
 */
public record SessionInfo(String sessionId, String model, int openConnections, int connectionsOpened,
        long clientMessages, long audioSamplesReceived, long audioSamplesInState, long videoFrames, int historySize,
        List<ConnectionInfo> connections) {

    /** The name of {@link #audioSamplesReceived()} before the in-state counter existed. */
    public long audioSamples() {
        return audioSamplesReceived;
    }

    /**
     * One connection of a session.
     *
     * @param connectionId         an id unique within the emulator
     * @param open                 whether it is still open
     * @param frozen               whether it was frozen (half-open: no reads, no sends, no pongs)
     * @param clientMessages       client messages after setup
     * @param audioSamplesReceived 16-bit PCM samples received
     * @param videoFrames          image frames received
     */
    public record ConnectionInfo(String connectionId, boolean open, boolean frozen, long clientMessages,
            long audioSamplesReceived, long videoFrames) {
    }
}
