package io.github.camelgeminilive.examples.kafka;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** A call whose session fails waits out a growing back-off, and is reported once per failed spell. */
class FailedCallsTest {

    private static final long S = 1_000_000_000L;

    private final FailedCalls calls = new FailedCalls();

    @Test
    void aFailedCallBacksOffLongerEachTimeAndIsReportedOnceUntilItWorks() {
        assertThat(calls.backingOff("a", 0)).isFalse();
        assertThat(calls.failed("a", 0)).as("first failure: reported").isTrue();
        assertThat(calls.backingOff("a", S / 2)).isTrue();
        assertThat(calls.backingOff("b", S / 2)).as("other calls").isFalse();
        assertThat(calls.backingOff("a", S)).isFalse(); // 1 s: tries again

        assertThat(calls.failed("a", S)).as("still failing: not reported again").isFalse();
        assertThat(calls.backingOff("a", 2 * S)).isTrue();
        assertThat(calls.backingOff("a", 3 * S)).isFalse(); // 2 s after

        for (int i = 0; i < 10; i++) {
            calls.failed("a", 3 * S);
        }
        assertThat(calls.backingOff("a", 3 * S + FailedCalls.MAX_BACK_OFF_NANOS - 1)).isTrue();
        assertThat(calls.backingOff("a", 3 * S + FailedCalls.MAX_BACK_OFF_NANOS)).as("bounded").isFalse();

        calls.clear("a");
        assertThat(calls.backingOff("a", 3 * S)).isFalse();
        assertThat(calls.failed("a", 3 * S)).as("a new spell: reported").isTrue();
    }

    @Test
    void atMostMaxCallsAreHeld() {
        for (int i = 0; i <= FailedCalls.MAX_CALLS; i++) {
            calls.failed("call-" + i, 0);
        }
        assertThat(calls.backingOff("call-0", 1)).as("the eldest let go").isFalse();
        assertThat(calls.backingOff("call-" + FailedCalls.MAX_CALLS, 1)).isTrue();
    }
}
