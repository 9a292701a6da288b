package io.github.camelgeminilive.examples.kafka;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

/** A call that is behind sends at most 4/3 s of audio per second; one that keeps up sends at once. */
class CatchUpPaceTest {

    private static final long CHUNK = 100_000_000L; // 100 ms of audio, in ns

    @Test
    void aBacklogGoesAtFourThirdsOfRealTime() {
        CatchUpPace pace = new CatchUpPace(4.0 / 3);
        long last = 0;
        for (int i = 0; i < 40; i++) { // 4 s of audio, all there at once
            last = pace.startAt(0, CHUNK);
            assertThat(last).isEqualTo(i * 75_000_000L);
        }
        // the 4 s backlog takes 3 s: at most 4/3 s of audio in any second
        assertThat(last + 75_000_000L).isEqualTo(3_000_000_000L);
    }

    @Test
    void aCallThatKeepsUpSendsEachChunkAtOnce() {
        CatchUpPace pace = new CatchUpPace(4.0 / 3);
        for (int i = 0; i < 40; i++) {
            assertThat(pace.startAt(i * CHUNK, CHUNK)).isEqualTo(i * CHUNK);
        }
        // two chunks that come together after a pause: the second waits its 75 ms
        assertThat(pace.startAt(50 * CHUNK, CHUNK)).isEqualTo(50 * CHUNK);
        assertThat(pace.startAt(50 * CHUNK, CHUNK)).isEqualTo(50 * CHUNK + 75_000_000L);
    }

    @Test
    void aChunkThatStartedLateDelaysTheNextAsMuch() {
        CatchUpPace pace = new CatchUpPace(4.0 / 3);
        assertThat(pace.startAt(0, CHUNK)).isEqualTo(0);
        long planned = pace.startAt(0, CHUNK);
        assertThat(planned).isEqualTo(75_000_000L);
        pace.started(planned, planned + 50_000_000L); // its timer ran 50 ms late
        assertThat(pace.startAt(planned + 50_000_000L, CHUNK)).as("75 ms after it really started")
                .isEqualTo(planned + 125_000_000L);
    }

    @Test
    void aPaceOfRealTimeOrLessIsRefused() {
        assertThatThrownBy(() -> new CatchUpPace(1)).isInstanceOf(IllegalArgumentException.class);
    }
}
