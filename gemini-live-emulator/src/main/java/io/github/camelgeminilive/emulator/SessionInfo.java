package io.github.camelgeminilive.emulator;

import java.util.List;

/**
 * A snapshot of one emulated session. Counters count client messages after {@code setup} (setup itself is not
 * counted), 16-bit audio samples received and video frames received; the session totals sum all its connections.
 *
 * @param sessionId       the id sent in {@code setupComplete}
 * @param model           the model named in the session's setup
 * @param openConnections connections of the session that are open now (0 or 1)
 * @param clientMessages  client messages after setup, all connections
 * @param audioSamples    16-bit PCM samples received, all connections
 * @param videoFrames     image frames received, all connections
 * @param historySize     turns in the session's conversation
 * @param connections     every connection of the session, oldest first
 */
public record SessionInfo(String sessionId, String model, int openConnections, long clientMessages,
        long audioSamples, long videoFrames, int historySize, List<ConnectionInfo> connections) {

    /**
     * One connection of a session.
     *
     * @param connectionId   an id unique within the emulator
     * @param open           whether it is still open
     * @param clientMessages client messages after setup
     * @param audioSamples   16-bit PCM samples received
     * @param videoFrames    image frames received
     */
    public record ConnectionInfo(String connectionId, boolean open, long clientMessages, long audioSamples,
            long videoFrames) {
    }
}
