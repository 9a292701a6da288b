package io.github.camelgeminilive.emulator.model;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.regex.Pattern;

import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.github.camelgeminilive.protocol.Setup;

/** A connection that goes away leaves nothing scheduled behind and sends nothing more. */
class DisconnectTest {

    private ScheduledThreadPoolExecutor scheduler;

    @BeforeEach
    void start() {
        scheduler = new ScheduledThreadPoolExecutor(1);
        scheduler.setRemoveOnCancelPolicy(true); // so the queue shows exactly what is still scheduled
    }

    @AfterEach
    void stop() {
        scheduler.shutdownNow();
    }

    private void assertNothingScheduled() {
        Awaitility.await().atMost(Duration.ofSeconds(5))
                .until(() -> scheduler.getQueue().isEmpty() && scheduler.getActiveCount() == 0);
    }

    @Test
    void disconnectDuringAReplyCancelsItsStream() {
        ModelHarness h = new ModelHarness(new SimulatedModel(),
                ModelHarness.audioSetup(ModelHarness.NATIVE_AUDIO).build(), scheduler, new EmulatorSettings(0.2, null));
        h.sendText("Tell me a long story");
        h.await(ModelHarness::isAudio, 1);

        h.connection.onDisconnect();
        assertNothingScheduled();
        int sent = h.messages().size();
        h.sendText("Anyone there?");

        assertThat(h.messages()).hasSize(sent)
                .noneMatch(m -> m.serverContent() != null && m.serverContent().isTurnComplete());
    }

    @Test
    void disconnectDuringAScriptedDelayCancelsTheReply() {
        Scenario scenario = new Scenario(List.of(new Scenario.Rule(Pattern.compile("wait"),
                "Done waiting.", null, 60_000L, null)));
        ModelHarness h = new ModelHarness(new SimulatedModel(), Setup.builder(ModelHarness.NATIVE_AUDIO).build(),
                scheduler, new EmulatorSettings(0, scenario, ServiceLimits.NONE)); // no lifetime timer beside it
        h.sendText("wait");
        assertThat(scheduler.getQueue()).hasSize(1);

        h.connection.onDisconnect();

        assertNothingScheduled();
        assertThat(h.messages()).noneMatch(ModelHarness::isAudio);
    }
}
