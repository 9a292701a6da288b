package io.github.camelgeminilive.emulator.model;

import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

import io.github.camelgeminilive.protocol.Setup;

/** A real shared scheduler, as the server gives the model, and connections at a chosen pace. */
abstract class ModelTestBase {

    private static ScheduledExecutorService scheduler;
    final SimulatedModel model = new SimulatedModel();

    @BeforeAll
    static void startScheduler() {
        scheduler = Executors.newScheduledThreadPool(2);
    }

    @AfterAll
    static void stopScheduler() {
        scheduler.shutdownNow();
    }

    ModelHarness connect(Setup setup, double pace) {
        return new ModelHarness(model, setup, scheduler, new EmulatorSettings(pace, null));
    }

    ModelHarness connect(Setup setup, EmulatorSettings settings, InMemorySession session) {
        return new ModelHarness(model, setup, scheduler, settings, session);
    }
}
