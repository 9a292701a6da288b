package io.github.camelgeminilive.emulator.model;

import java.util.concurrent.ScheduledExecutorService;

import io.github.camelgeminilive.protocol.ModelRules;
import io.github.camelgeminilive.protocol.Setup;

/**
 * Everything the model needs for one connection.
 *
 * @param setup     the validated setup of this connection
 * @param rules     the model family's rules (from the setup's model name)
 * @param session   the emulated session (survives reconnects; holds the conversation and handles)
 * @param out       the connection's outbound side
 * @param scheduler shared timer pool for pacing and delays (never one thread per session)
 * @param settings  emulator-wide settings (pace, scenario)
 */
public record ConnectionContext(Setup setup, ModelRules rules, SessionState session, Outbound out,
        ScheduledExecutorService scheduler, EmulatorSettings settings) {
}
