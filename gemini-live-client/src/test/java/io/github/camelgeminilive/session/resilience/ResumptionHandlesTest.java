package io.github.camelgeminilive.session.resilience;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;

import org.junit.jupiter.api.Test;

import io.github.camelgeminilive.session.InMemoryResumptionHandleStore;
import io.github.camelgeminilive.session.ResumptionHandleStore.StoredHandle;

/** Which handle a resilient session resumes with: stored, valid about 2 hours, not after the service refused it. */
class ResumptionHandlesTest {

    private static final Instant NOW = Instant.parse("2026-01-01T10:00:00Z");

    private final InMemoryResumptionHandleStore store = new InMemoryResumptionHandleStore();

    private ResumptionHandles handles(String key, Instant now) {
        return new ResumptionHandles(store, key, Clock.fixed(now, ZoneOffset.UTC), Runnable::run);
    }

    @Test
    void aResumableHandleIsUsedAndStoredAndAStoredOneStartsTheNextSession() {
        ResumptionHandles first = handles("call-1", NOW);
        first.load();
        assertThat(first.usable()).isNull();
        first.issued("h1", -1);
        assertThat(first.usable()).isEqualTo("h1");
        assertThat(store.load("call-1")).contains(new StoredHandle("h1", NOW));

        ResumptionHandles restarted = handles("call-1", NOW.plus(Duration.ofMinutes(119)));
        restarted.load();
        assertThat(restarted.usable()).isEqualTo("h1");
        assertThat(restarted.current()).isEqualTo("h1");
    }

    @Test
    void theStoredHandleCarriesTheInputPositionItCoversWhichNeverGoesBack() {
        ResumptionHandles first = handles("call-1", NOW);
        first.issued("h1", 41);
        assertThat(store.load("call-1")).contains(new StoredHandle("h1", NOW, 41));

        ResumptionHandles takenOver = handles("call-1", NOW);
        takenOver.load();
        takenOver.issued("h2", -1); // the new process's first handle covers none of its own sends yet
        assertThat(store.load("call-1")).contains(new StoredHandle("h2", NOW, 41));
        takenOver.issued("h3", 57);
        assertThat(store.load("call-1")).contains(new StoredHandle("h3", NOW, 57));
    }

    @Test
    void aHandleOlderThanItsValidityIsNeitherLoadedNorUsed() {
        store.save("call-1", new StoredHandle("old", NOW.minus(ResumptionHandles.VALIDITY)));
        ResumptionHandles loaded = handles("call-1", NOW);
        loaded.load();
        assertThat(loaded.current()).isNull();

        Instant[] now = {NOW};
        ResumptionHandles unstored = new ResumptionHandles(store, null, new Clock() {
            @Override
            public ZoneId getZone() {
                return ZoneOffset.UTC;
            }

            @Override
            public Clock withZone(ZoneId zone) {
                return this;
            }

            @Override
            public Instant instant() {
                return now[0];
            }
        }, Runnable::run);
        unstored.issued("h1", -1);
        assertThat(store.load("call-1")).as("no key: nothing stored")
                .contains(new StoredHandle("old", NOW.minus(ResumptionHandles.VALIDITY)));
        now[0] = NOW.plus(ResumptionHandles.VALIDITY).minusSeconds(1);
        assertThat(unstored.usable()).isEqualTo("h1");
        now[0] = NOW.plus(ResumptionHandles.VALIDITY);
        assertThat(unstored.usable()).isNull();
    }

    @Test
    void aRefusedHandleIsNotUsedAgainUntilANewOneIsIssued() {
        ResumptionHandles h = handles("call-1", NOW);
        h.issued("h1", -1);
        h.refused();
        assertThat(h.fresh()).isTrue();
        assertThat(h.usable()).isNull();
        assertThat(h.current()).isEqualTo("h1");
        h.issued("h2", -1);
        assertThat(h.fresh()).isFalse();
        assertThat(h.usable()).isEqualTo("h2");
    }
}
