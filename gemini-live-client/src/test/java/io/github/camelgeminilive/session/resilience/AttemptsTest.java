package io.github.camelgeminilive.session.resilience;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Duration;

import org.junit.jupiter.api.Test;

import io.github.camelgeminilive.session.InMemoryResumptionHandleStore;
import io.github.camelgeminilive.session.LiveSessionException;
import io.github.camelgeminilive.session.ReconnectPolicy;
import io.github.camelgeminilive.session.ResilienceOptions;
import io.github.camelgeminilive.session.resilience.Attempts.Verdict;
import io.github.camelgeminilive.testing.Resilience;

/** What follows a failed connection attempt. */
class AttemptsTest {

    private static final LiveSessionException REFUSED_HANDLE = LiveSessionException.forClose(1007, "bad handle");
    private static final LiveSessionException SERVER_ERROR = LiveSessionException.forClose(1011, "overloaded");

    private final ResumptionHandles handles = new ResumptionHandles(new InMemoryResumptionHandleStore(), null,
            Clock.systemUTC(), Runnable::run);
    private final Outage outage = new Outage(new ReconnectPolicy(Duration.ofMillis(10), Duration.ofMillis(10), 1.0,
            0, 3, null));

    private Attempts attempts(boolean seedFresh) {
        ResilienceOptions options = Resilience.options(false).withHandles(new InMemoryResumptionHandleStore(), null,
                seedFresh);
        return new Attempts(null, null, null, options, outage, handles, null, null, null);
    }

    @Test
    void aRefusedHandleStartsAFreshSessionOnTheFirstConnectionOrWhenSeedingIsOn() {
        handles.issued("h1", -1);
        assertThat(attempts(false).judge(REFUSED_HANDLE, true, 0)).isEqualTo(Verdict.FRESH_SESSION);
        assertThat(attempts(false).judge(REFUSED_HANDLE, false, 0)).as("1007 is never retried")
                .isEqualTo(Verdict.GIVE_UP);
        assertThat(attempts(true).judge(REFUSED_HANDLE, false, 0)).isEqualTo(Verdict.FRESH_SESSION);
        handles.refused();
        assertThat(attempts(true).judge(REFUSED_HANDLE, false, 0)).as("a fresh session refused too")
                .isEqualTo(Verdict.GIVE_UP);
    }

    @Test
    void laterFailuresAreRetriedUntilTheOutageIsExhaustedButTheFirstConnectionIsNot() {
        Attempts attempts = attempts(false);
        outage.begin(0);
        outage.attempt();
        assertThat(attempts.judge(SERVER_ERROR, true, 0)).isEqualTo(Verdict.GIVE_UP);
        assertThat(attempts.judge(SERVER_ERROR, false, 0)).isEqualTo(Verdict.RETRY);
        assertThat(attempts.judge(LiveSessionException.forClose(1008, "policy"), false, 0))
                .isEqualTo(Verdict.GIVE_UP);
        outage.attempt();
        outage.attempt();
        assertThat(attempts.judge(SERVER_ERROR, false, 0)).as("maxAttempts 3").isEqualTo(Verdict.GIVE_UP);
    }
}
