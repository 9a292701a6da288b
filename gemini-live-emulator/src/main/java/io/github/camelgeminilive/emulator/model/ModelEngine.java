package io.github.camelgeminilive.emulator.model;

/** Creates the simulated model for each new connection, after {@code setupComplete} was sent. */
public interface ModelEngine {

    ModelConnection attach(ConnectionContext context);

    /**
     * Whether the connections of this engine never block (no I/O, no waiting, only short computations). The server
     * then calls them, and runs their timers, on the connection's I/O thread, which saves a thread hand-off per
     * client message and per reply chunk; otherwise on a shared worker pool and a shared timer pool. Default false.
     */
    default boolean nonBlocking() {
        return false;
    }
}
