package io.github.camelgeminilive.examples.kafka;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;

import org.junit.jupiter.api.Test;

import io.github.camelgeminilive.session.ResumptionHandleStore.StoredHandle;

/** A stored handle covers input only while a session would resume with it. */
class HandleValuesTest {

    private static final Instant ISSUED = Instant.parse("2026-12-05T10:00:00Z");

    @Test
    void anExpiredHandleCoversNothingSinceItsSessionStartsAfresh() {
        String value = ISSUED + "@42 handle-1";
        assertThat(HandleValues.inputPosition(value, ISSUED.plusSeconds(60))).isEqualTo(42);
        assertThat(HandleValues.inputPosition(value, ISSUED.plus(StoredHandle.VALIDITY).plusSeconds(1)))
                .isEqualTo(-1);
    }

    @Test
    void noValueARemovedOneOrAnUnreadableOneCoverNothing() {
        Instant now = ISSUED.plusSeconds(60);
        assertThat(HandleValues.inputPosition(null, now)).isEqualTo(-1);
        assertThat(HandleValues.inputPosition("", now)).isEqualTo(-1);
        assertThat(HandleValues.inputPosition(ISSUED + " handle-1", now)).as("no position").isEqualTo(-1);
        assertThat(HandleValues.inputPosition("yesterday@42 handle-1", now)).isEqualTo(-1);
    }

    @Test
    void anEndedCallIsDoneWithUpToItsEndRecordAndAHandleUpToWhatItCovers() {
        Instant now = ISSUED.plusSeconds(60);
        assertThat(HandleValues.done(HandleValues.ended(42), now)).isEqualTo(42);
        assertThat(HandleValues.done(ISSUED + "@7 handle-1", now)).isEqualTo(7);
        assertThat(HandleValues.done("ended@soon", now)).isEqualTo(-1);
        assertThat(HandleValues.inputPosition(HandleValues.ended(42), now)).as("no handle to resume").isEqualTo(-1);
    }
}
