package io.github.camelgeminilive.component;

import static org.assertj.core.api.Assertions.assertThat;

import org.apache.camel.Message;
import org.apache.camel.impl.DefaultCamelContext;
import org.apache.camel.support.DefaultMessage;
import org.junit.jupiter.api.Test;

import io.github.camelgeminilive.session.LiveEvent;
import io.github.camelgeminilive.session.LiveEventType;

/** Every event a session can deliver becomes a consumer exchange with its own event type. */
class GeminiLiveEventTypeTest {

    @Test
    void everySessionEventTypeHasAConsumerEventType() {
        for (LiveEventType type : LiveEventType.values()) {
            assertThat(GeminiLiveEventType.of(type)).as(type.name()).isNotNull();
        }
    }

    @Test
    void aMalformedMessageCarriesTheParsersMessageAsBody() {
        Message m = new DefaultMessage(new DefaultCamelContext());

        LiveEventMessages.fill(m, new LiveEvent.MalformedMessage("Not a protobuf Duration: '1e9999...'"));

        assertThat(m.getHeader(GeminiLiveConstants.EVENT_TYPE)).isEqualTo("malformedMessage");
        assertThat(m.getBody()).isEqualTo("Not a protobuf Duration: '1e9999...'");
    }
}
