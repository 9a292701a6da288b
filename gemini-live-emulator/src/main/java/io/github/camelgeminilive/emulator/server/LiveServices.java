package io.github.camelgeminilive.emulator.server;

import java.util.concurrent.ScheduledExecutorService;

import io.github.camelgeminilive.emulator.model.EmulatorSettings;
import io.github.camelgeminilive.emulator.model.ModelEngine;

/**
 * What every connection of one emulator shares.
 *
 * @param directory       the sessions
 * @param engine          the simulated model
 * @param credentials     the accepted keys
 * @param setups          the setup checks (with the model rules table)
 * @param scheduler       the one shared timer pool
 * @param settings        emulator-wide model settings
 * @param connections     every open connection, the attempts counter and the pong delay
 * @param maxMessageBytes the largest client message read; a larger one is refused with 1009
 */
record LiveServices(SessionDirectory directory, ModelEngine engine, CredentialPolicy credentials,
        SetupValidator setups, ScheduledExecutorService scheduler, EmulatorSettings settings,
        LiveConnections connections, long maxMessageBytes) {
}
