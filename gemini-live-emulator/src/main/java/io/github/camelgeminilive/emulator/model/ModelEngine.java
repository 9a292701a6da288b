package io.github.camelgeminilive.emulator.model;

/** Creates the simulated model for each new connection, after {@code setupComplete} was sent. */
public interface ModelEngine {

    ModelConnection attach(ConnectionContext context);
}
