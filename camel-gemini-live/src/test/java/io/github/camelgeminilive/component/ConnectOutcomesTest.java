package io.github.camelgeminilive.component;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;

import org.junit.jupiter.api.Test;

import io.github.camelgeminilive.session.LiveSessionException;

/**
 * The readiness rule of an endpoint: a connect failure makes it failing for a window, not until a call succeeds (a
 * pod that is not ready gets no calls), and a refusal of one call's request never does.
 */
class ConnectOutcomesTest {

    private static final Duration WINDOW = Duration.ofSeconds(30);

    private final AtomicLong now = new AtomicLong(1_000);
    private final ConnectOutcomes outcomes = new ConnectOutcomes(WINDOW, now::get);

    @Test
    void aFailureMakesItFailingForTheWindowThenTheNextCallMayTryAgain() {
        outcomes.connectFailed(new IOException("Connection refused"));
        assertThat(outcomes.snapshot().failing()).isTrue();

        now.addAndGet(WINDOW.toNanos() - 1);
        assertThat(outcomes.snapshot().failing()).isTrue();
        now.addAndGet(1);
        ConnectOutcomes.Snapshot after = outcomes.snapshot();
        assertThat(after.failing()).isFalse();
        assertThat(after.lastError()).isEqualTo("Connection refused"); // still shown in the details

        outcomes.connectFailed(new IOException("Connection refused again"));
        assertThat(outcomes.snapshot().failing()).isTrue();
        assertThat(outcomes.snapshot().failuresSinceSuccess()).isEqualTo(2);
        outcomes.connected();
        assertThat(outcomes.snapshot().failing()).isFalse();
        assertThat(outcomes.connectFailures()).isEqualTo(2);
    }

    @Test
    void aRefusedRequestIsCountedButNeverMakesItFailing() {
        outcomes.connectFailed(new LiveSessionException("Invalid argument: bad voice", 1007, "bad voice", null));
        outcomes.failed(new LiveSessionException("Policy violation", 1008, "policy", null));

        assertThat(outcomes.snapshot().failing()).isFalse();
        assertThat(outcomes.snapshot().lastFailureMillis()).isZero();
        assertThat(outcomes.connectFailures()).isEqualTo(1);

        outcomes.failed(new LiveSessionException("Gave up reconnecting", 1011, "internal", null));
        assertThat(outcomes.snapshot().failing()).isTrue();
    }
}
