package io.github.camelgeminilive.component;

import io.github.camelgeminilive.emulator.model.ConnectionContext;
import io.github.camelgeminilive.emulator.model.ModelConnection;
import io.github.camelgeminilive.emulator.model.ModelEngine;
import io.github.camelgeminilive.emulator.model.SimulatedModel;
import io.github.camelgeminilive.protocol.ClientMessage;

/**
 * The emulator's default model with a tap: each connection and each client message is shown to the subclass, in
 * wire order, before the model gets it.
 */
abstract class TappedSimulatedModel implements ModelEngine {

    private final ModelEngine model = new SimulatedModel();

    @Override
    public final ModelConnection attach(ConnectionContext context) {
        connected(context);
        ModelConnection connection = model.attach(context);
        return new ModelConnection() {
            @Override
            public void onClientMessage(ClientMessage message, long index) {
                received(context, message);
                connection.onClientMessage(message, index);
            }

            @Override
            public void onDisconnect() {
                connection.onDisconnect();
            }
        };
    }

    @Override
    public final boolean nonBlocking() {
        return model.nonBlocking();
    }

    /** A connection's setup was accepted; the model is attached next. */
    protected void connected(ConnectionContext context) {
    }

    /** A client message arrived; the model gets it next. */
    protected abstract void received(ConnectionContext context, ClientMessage message);
}
