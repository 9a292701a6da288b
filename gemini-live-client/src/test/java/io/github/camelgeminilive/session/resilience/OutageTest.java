package io.github.camelgeminilive.session.resilience;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;

import org.junit.jupiter.api.Test;

import io.github.camelgeminilive.session.ReconnectPolicy;

/** The outage bookkeeping: attempts, the give-up limits, and which connection loss starts a new outage. */
class OutageTest {

    private static final long SECOND = 1_000_000_000L;

    @Test
    void givesUpAfterMaxAttemptsOrMaxElapsedWhicheverComesFirst() {
        Outage outage = new Outage(new ReconnectPolicy(Duration.ofMillis(100), Duration.ofMillis(1000), 2.0, 0, 5,
                Duration.ofSeconds(60)));
        outage.begin(0);
        for (int i = 0; i < 4; i++) {
            outage.attempt();
        }
        assertThat(outage.exhausted(SECOND)).isFalse();
        assertThat(outage.nextDelay()).isEqualTo(Duration.ofMillis(800)); // before the fifth: 100 ms doubled thrice
        outage.attempt();
        assertThat(outage.exhausted(SECOND)).isTrue();

        outage.begin(0);
        outage.attempt();
        assertThat(outage.exhausted(59 * SECOND)).isFalse();
        assertThat(outage.exhausted(60 * SECOND)).isTrue();
    }

    @Test
    void unlimitedPolicyNeverGivesUp() {
        Outage outage = new Outage(new ReconnectPolicy(Duration.ofMillis(100), Duration.ofMillis(100), 1.0, 0, 0,
                null));
        outage.begin(0);
        for (int i = 0; i < 1000; i++) {
            outage.attempt();
        }
        assertThat(outage.exhausted(Long.MAX_VALUE / 2)).isFalse();
    }

    @Test
    void aConnectionLostBeforeItProvedHealthyIsOneMoreAttemptOfTheSameOutage() {
        Outage outage = new Outage(ReconnectPolicy.defaults());
        long stable = Outage.STABLE_CONNECTION.toNanos();
        outage.begin(0);
        outage.attempt();
        outage.firstConnected();
        // no outage before the first connection: its loss starts one, however soon
        assertThat(outage.endedBy(SECOND, 2 * SECOND)).isTrue();

        outage.begin(2 * SECOND);
        outage.attempt();
        outage.attempt();
        assertThat(outage.connected()).as("attempts the reconnect took").isEqualTo(2);
        assertThat(outage.attempts()).as("the outage goes on until the connection proves healthy").isEqualTo(2);
        long up = 3 * SECOND;
        assertThat(outage.endedBy(up, up + stable - 1)).isFalse();
        assertThat(outage.endedBy(up, up + stable)).isTrue();

        outage.attempt();
        assertThat(outage.connected()).as("counted afresh after each connection").isEqualTo(1);
        assertThat(outage.attempts()).isEqualTo(3);
    }
}
