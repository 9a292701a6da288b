package io.github.camelgeminilive.telephony.sip;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.atomic.LongAdder;

import org.apache.camel.impl.DefaultCamelContext;
import org.apache.camel.support.DefaultExchange;
import org.junit.jupiter.api.Test;

class CallInboxTest {

    @Test
    void exchangesDroppedBecauseThePoolIsStoppingAreCounted() throws Exception {
        LongAdder stopDrops = new LongAdder();
        try (DefaultCamelContext context = new DefaultCamelContext()) {
            CallInbox inbox = new CallInbox(task -> {
                throw new RejectedExecutionException("stopping");
            }, null, null, 10, stopDrops);
            assertThat(inbox.offer(new DefaultExchange(context), false)).isTrue();
            assertThat(stopDrops.sum()).isEqualTo(1);
            assertThat(inbox.offer(new DefaultExchange(context), true)).isTrue();
            assertThat(stopDrops.sum()).isEqualTo(2);
        }
    }
}
