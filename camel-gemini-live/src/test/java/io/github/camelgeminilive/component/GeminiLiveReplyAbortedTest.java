package io.github.camelgeminilive.component;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import org.apache.camel.Exchange;
import org.apache.camel.ExchangePattern;
import org.apache.camel.component.mock.MockEndpoint;
import org.junit.jupiter.api.Test;

/**
 * A reply cut off by a dropped connection: the resilient session replays the question the resumed state lacks, the
 * model answers it again, and the InOut exchange gets that whole answer once (the cut-off part is discarded). The
 * reply must still be streaming when the connection drops, so this emulator streams audio in real time.
 */
class GeminiLiveReplyAbortedTest extends RealTimeGeminiLiveTestSupport {

    @Test
    void aReplyCutOffByADropIsAnsweredAgainInFullOnce() throws Exception {
        MockEndpoint mock = getMockEndpoint("mock:events");
        String question = "Tell me a story about the sea";
        CompletableFuture<Exchange> reply = template.asyncSend("direct:call", e -> {
            e.setPattern(ExchangePattern.InOut);
            e.getMessage().setBody(question);
        });
        awaitEvent(mock, GeminiLiveEventType.AUDIO);

        realTime.admin().drop(sessionId(mock));

        Exchange reconnected = awaitEvent(mock, GeminiLiveEventType.RECONNECTED);
        assertThat(reconnected.getMessage().getHeader(GeminiLiveConstants.REPLY_ABORTED)).isEqualTo(true);
        assertThat(reconnected.getMessage().getHeader(GeminiLiveConstants.REPLAYED_MESSAGES, Long.class)).isPositive();
        Exchange answer = reply.get(20, TimeUnit.SECONDS);
        assertThat(answer.getException()).isNull();
        assertThat(answer.getMessage().getHeader(GeminiLiveConstants.OUTPUT_TRANSCRIPT))
                .isEqualTo("You said: " + question);

        Exchange again = template.request("direct:call", e -> e.getMessage().setBody("Still there?"));
        assertThat(again.getException()).isNull();
        assertThat(again.getMessage().getHeader(GeminiLiveConstants.OUTPUT_TRANSCRIPT))
                .isEqualTo("You said: Still there?");
    }
}
