package io.github.camelgeminilive.session.connection;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

import org.junit.jupiter.api.Test;

import io.github.camelgeminilive.protocol.ProtocolException;
import io.github.camelgeminilive.session.LiveEvent;
import io.github.camelgeminilive.session.LiveSessionException.MalformedMessageException;
import io.github.camelgeminilive.session.delivery.InlineSink;

/** The malformed-message policy on its own: what is skipped, counted, reported, and what ends the session. */
class MalformedMessagesTest {

    private final List<LiveEvent> reported = new ArrayList<>();
    private final AtomicLong counted = new AtomicLong();
    private final MalformedMessages policy =
            new MalformedMessages("live-test", 3, counted, new InlineSink(reported::add, "test"));

    @Test
    void beforeSetupCompleteAMalformedMessageEndsTheSessionUncountedAndUnreported() {
        MalformedMessageException error = policy.skip(new ProtocolException("bad frame"), false);

        assertThat(error).hasMessageContaining("a malformed message").hasMessageContaining("bad frame");
        assertThat(counted).hasValue(0);
        assertThat(reported).isEmpty();
    }

    @Test
    void onlyMessagesInARowEndTheSessionAGoodOneInBetweenStartsTheCountAgain() {
        assertThat(policy.skip(new ProtocolException("one"), true)).isNull();
        assertThat(policy.skip(new ProtocolException("two"), true)).isNull();
        policy.parsed();
        assertThat(policy.skip(new ProtocolException("three"), true)).isNull();
        assertThat(policy.skip(new ProtocolException("four"), true)).isNull();

        MalformedMessageException error = policy.skip(new ProtocolException("five"), true);
        assertThat(error).hasMessageContaining("3 malformed messages in a row").hasMessageContaining("five");
        assertThat(counted).hasValue(5);
        assertThat(reported).hasSize(4).allMatch(e -> e instanceof LiveEvent.MalformedMessage);
    }

    @Test
    void theReportQuotesAtMostFiveHundredCharactersOfTheParserMessage() {
        policy.skip(new ProtocolException("x".repeat(10_000)), true);

        String error = ((LiveEvent.MalformedMessage) reported.get(0)).error();
        assertThat(error).hasSize(503).endsWith("...");
    }
}
