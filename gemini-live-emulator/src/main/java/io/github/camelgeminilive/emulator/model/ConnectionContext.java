package io.github.camelgeminilive.emulator.model;

import io.github.camelgeminilive.protocol.ModelRules;
import io.github.camelgeminilive.protocol.Setup;

/**
 * Everything the model needs for one connection.
 *
 * @param setup     the validated setup of this connection
 * @param rules     the model family's rules (from the setup's model name)
 * @param session   the emulated session (survives reconnects; holds the conversation and handles)
 * @param out       the connection's outbound side
 * @param scheduler runs the connection's timed work (pacing, delays): on its I/O thread for a
 *                  {@linkplain ModelEngine#nonBlocking() non-blocking} engine, else on a shared timer pool
 * @param settings  emulator-wide settings (pace, scenario)
 */
public record ConnectionContext(Setup setup, ModelRules rules, SessionState session, Outbound out,
        ModelScheduler scheduler, EmulatorSettings settings) {
}
