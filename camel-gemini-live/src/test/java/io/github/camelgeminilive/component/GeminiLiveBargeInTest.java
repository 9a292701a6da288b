package io.github.camelgeminilive.component;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import org.apache.camel.Exchange;
import org.apache.camel.component.mock.MockEndpoint;
import org.junit.jupiter.api.Test;

/** Barge-in needs a reply that is still streaming: this emulator streams audio in real time. */
class GeminiLiveBargeInTest extends RealTimeGeminiLiveTestSupport {

    @Test
    void speechDuringALongReplyInterruptsItAndEndsTheInOutReply() throws Exception {
        MockEndpoint mock = getMockEndpoint("mock:events");
        CompletableFuture<Exchange> reply = template.asyncSend("direct:call", e -> {
            e.setPattern(org.apache.camel.ExchangePattern.InOut);
            e.getMessage().setBody("Tell me a long story");
        });
        awaitEvent(mock, GeminiLiveEventType.AUDIO);

        template.sendBody("direct:call", TestAudio.tone(200));

        Exchange interrupted = awaitEvent(mock, GeminiLiveEventType.INTERRUPTED);
        assertThat(interrupted.getMessage().getHeader(GeminiLiveConstants.INTERRUPTED)).isEqualTo(true);
        Exchange answer = reply.get(10, TimeUnit.SECONDS);
        assertThat(answer.getException()).isNull();
        assertThat(answer.getMessage().getHeader(GeminiLiveConstants.INTERRUPTED)).isEqualTo(true);
        // cut short: far less than the 10 s of 24 kHz 16-bit audio a long reply has
        assertThat(answer.getMessage().getBody(byte[].class).length).isLessThan(5 * 48_000);
    }
}
