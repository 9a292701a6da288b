package io.github.camelgeminilive.component;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;

import org.apache.camel.CamelContext;
import org.apache.camel.Exchange;
import org.apache.camel.impl.DefaultCamelContext;
import org.apache.camel.support.DefaultExchange;
import org.junit.jupiter.api.Test;

/** What each body and operation means for the client's turn: the first-audio meter's turn ends come from here. */
class SendRequestResolverTest {

    private final CamelContext camel = new DefaultCamelContext();

    @Test
    void eachSendHasItsKindOfTurnMessage() throws IOException {
        assertThat(kind(exchange("Hello", null))).isEqualTo(Outgoing.Kind.TURN_END);
        assertThat(kind(exchange(new byte[640], null))).isEqualTo(Outgoing.Kind.AUDIO);
        assertThat(kind(exchange(null, GeminiLiveOperation.audioStreamEnd))).isEqualTo(Outgoing.Kind.STREAM_END);
        assertThat(kind(exchange(null, GeminiLiveOperation.activityEnd))).isEqualTo(Outgoing.Kind.TURN_END);
        assertThat(kind(exchange(null, GeminiLiveOperation.endOfTurn))).isEqualTo(Outgoing.Kind.TURN_END);
        assertThat(kind(exchange(null, GeminiLiveOperation.activityStart))).isEqualTo(Outgoing.Kind.OTHER);
    }

    @Test
    void anInputPositionKeepsTheKind() throws IOException {
        Exchange text = exchange("Hello", null);
        text.getMessage().setHeader(GeminiLiveConstants.INPUT_POSITION, 5L);
        assertThat(kind(text)).isEqualTo(Outgoing.Kind.TURN_END);
    }

    private Exchange exchange(Object body, GeminiLiveOperation operation) {
        Exchange exchange = new DefaultExchange(camel);
        exchange.getMessage().setBody(body);
        if (operation != null) {
            exchange.getMessage().setHeader(GeminiLiveConstants.OPERATION, operation.name());
        }
        return exchange;
    }

    private static Outgoing.Kind kind(Exchange exchange) throws IOException {
        return SendRequestResolver.resolve(exchange).messages().next().kind();
    }
}
