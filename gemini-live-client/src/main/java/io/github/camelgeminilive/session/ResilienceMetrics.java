package io.github.camelgeminilive.session;

import java.time.Duration;

/**
 * A snapshot of what a {@link LiveSession} went through. Everything dropped, refused or skipped by a bound or
 * policy is counted here. A plain session (one connection) reports its connection and zeros for the fields about
 * reconnecting.
 *
 * @param connections          connections opened (the first included)
 * @param reconnects           successful moves to a new connection
 * @param failedAttempts       connection attempts that failed
 * @param goAways              go-aways received
 * @param replayedMessages     client messages sent again after a resume (not those the connection refused)
 * @param droppedSends         held sends dropped by {@link OverflowPolicy#DROP_OLDEST}
 * @param droppedEvents        server events dropped because the listener fell too far behind (or the session was
 *                             ending), and received messages refused unparsed when parsing fell behind
 * @param audioLost            audio the service may never have received (replay impossible)
 * @param lastGap              the most recent time without a usable connection
 * @param refusedSends         sends refused by a bound: a connection's outgoing queue at {@code maxOutgoingBytes}
 *                             (a fresh session's seed of the conversation so far too: logged, as no caller waits
 *                             for it), held sends beyond the bounds with {@link OverflowPolicy#FAIL}
 * @param droppedEventBytes    payload bytes of the dropped events
 * @param malformedMessages    server messages that failed to parse, skipped (each reported as
 *                             {@link LiveEvent.MalformedMessage})
 * @param cancelledToolCalls   pending tool calls cancelled because more than 1024 were pending (reported as
 *                             {@link LiveEvent.ToolCallCancelled})
 * @param unreplayableMessages messages forced out of the replay buffer by its bounds before a handle covered them,
 *                             and replays the connection refused of messages written before: a resume cannot send
 *                             them again (their audio is in {@code audioLost})
 * @param framesSent           client messages after {@code setup} that a connection took for writing (not those it
 *                             refused at once, counted in {@code refusedSends}), on every connection, replays
 *                             included; a write that fails later stays counted, and is counted in
 *                             {@code failedWrites} too, so that every count only grows
 * @param bytesSent            the bytes of those messages (UTF-8 JSON, as written)
 * @param audioSent            the audio those messages carry
 * @param framesReceived       messages read from the service on every connection, {@code setupComplete} included,
 *                             before any parsing or dropping
 * @param bytesReceived        their size as read: bytes of a binary frame, characters of a text frame
 * @param failedWrites         messages of {@code framesSent} whose write failed later (the connection was lost)
 * @param audioPossiblyLost    audio a handle was taken to cover on the time estimate alone (no consumed index, no
 *                             proof) before its connection ended: lost if the service read it later than
 *                             {@link ResilienceOptions#coverageLag} after its write (see
 *                             {@link LiveEvent.Reconnected#audioPossiblyLost})
 */
public record ResilienceMetrics(long connections, long reconnects, long failedAttempts, long goAways,
        long replayedMessages, long droppedSends, long droppedEvents, Duration audioLost, Duration lastGap,
        long refusedSends, long droppedEventBytes, long malformedMessages, long cancelledToolCalls,
        long unreplayableMessages, long framesSent, long bytesSent, Duration audioSent, long framesReceived,
        long bytesReceived, long failedWrites, Duration audioPossiblyLost) {
}
