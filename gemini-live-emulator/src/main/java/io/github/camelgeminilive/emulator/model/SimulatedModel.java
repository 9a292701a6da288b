package io.github.camelgeminilive.emulator.model;

import java.util.concurrent.atomic.AtomicLong;

/**
 * The emulator's deterministic default model (or the scripted one when the settings carry a {@link Scenario}).
 * One instance serves all connections; each gets its own {@link SimulatedConnection}.
 */
public final class SimulatedModel implements ModelEngine {

    private final AtomicLong callIds = new AtomicLong();

    public SimulatedModel() {
        // stateless apart from the function call id sequence
    }

    @Override
    public ModelConnection attach(ConnectionContext context) {
        return new SimulatedConnection(context, () -> "call-" + callIds.incrementAndGet());
    }
}
