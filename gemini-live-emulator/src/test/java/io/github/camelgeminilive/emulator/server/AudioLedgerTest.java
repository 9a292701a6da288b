package io.github.camelgeminilive.emulator.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

/** A handle for messages 0..k captures the base plus exactly the samples of those messages. */
class AudioLedgerTest {

    @Test
    void capturesByIndexOnTopOfTheBase() {
        AudioLedger ledger = new AudioLedger(1000);
        assertThat(ledger.captureThrough(-1)).isEqualTo(1000);
        for (int i = 0; i < 200; i++) { // past the initial capacity
            ledger.record(i, 10);
        }
        assertThat(ledger.now()).isEqualTo(3000);
        assertThat(ledger.captureThrough(99)).isEqualTo(2000);
        assertThat(ledger.captureThrough(99)).as("the same index again").isEqualTo(2000);
        assertThat(ledger.captureThrough(199)).isEqualTo(3000);
        ledger.record(200, 5);
        assertThat(ledger.now()).isEqualTo(3005);
        assertThat(ledger.captureThrough(199)).isEqualTo(3000);
        assertThat(ledger.captureThrough(200)).isEqualTo(3005);
    }

    @Test
    void refusesIndicesItCannotAnswerExactly() {
        AudioLedger ledger = new AudioLedger(0);
        ledger.record(0, 1);
        ledger.record(1, 1);
        assertThatThrownBy(() -> ledger.captureThrough(2)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> ledger.record(3, 1)).isInstanceOf(IllegalStateException.class);
        ledger.captureThrough(1);
        assertThatThrownBy(() -> ledger.captureThrough(-1)).isInstanceOf(IllegalArgumentException.class);
    }
}
