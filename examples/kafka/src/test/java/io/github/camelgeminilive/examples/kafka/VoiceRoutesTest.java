package io.github.camelgeminilive.examples.kafka;

import static org.assertj.core.api.Assertions.assertThat;

import org.apache.camel.Exchange;
import org.apache.camel.impl.DefaultCamelContext;
import org.apache.camel.support.DefaultExchange;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.Test;

import io.github.camelgeminilive.component.GeminiLiveConstants;

/** What the routes tell the commit tracker when a session closes. */
class VoiceRoutesTest {

    private static final TopicPartition P0 = new TopicPartition(VoiceRoutes.INPUT, 0);

    private final CommitTracker tracker = new CommitTracker();
    private final VoiceRoutes routes = new VoiceRoutes("i1", "127.0.0.1:1", tracker, null);

    @Test
    void aCallWhoseSessionClosedWithoutAnEndRecordNoLongerHoldsItsPartitionBack() {
        tracker.sent(P0, "a", 0); // never covered: a's session closed idle before a handle came
        tracker.done(P0, "b", 1);
        assertThat(tracker.toCommit(P0)).isEmpty();

        routes.sessionClosed(closed("a", "released by the route (release operation)")); // handed over: not over
        assertThat(tracker.toCommit(P0)).isEmpty();

        routes.sessionClosed(closed("a", "idle: nothing sent, received or under way for 600000 ms (idleTimeout)"));
        assertThat(tracker.toCommit(P0)).hasValue(2);
        assertThat(tracker.knows("a")).isFalse();
    }

    private static Exchange closed(String call, String reason) {
        Exchange e = new DefaultExchange(new DefaultCamelContext());
        e.getMessage().setHeader(GeminiLiveConstants.EVENT_TYPE, "closed");
        e.getMessage().setHeader(GeminiLiveConstants.SESSION_KEY, call);
        e.getMessage().setHeader(GeminiLiveConstants.CLOSE_REASON, reason);
        return e;
    }
}
