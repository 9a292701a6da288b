package io.github.camelgeminilive.emulator.server;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import io.github.camelgeminilive.emulator.model.ConnectionContext;
import io.github.camelgeminilive.emulator.model.ModelConnection;
import io.github.camelgeminilive.emulator.model.ModelEngine;
import io.github.camelgeminilive.protocol.ClientMessage;
import io.github.camelgeminilive.protocol.Content;
import io.github.camelgeminilive.protocol.ServerMessage;
import io.github.camelgeminilive.protocol.SessionResumptionUpdate;

/**
 * A minimal model for server tests: records what it is given, appends each {@code realtimeInput.text} to the
 * session history and answers it with a resumption update carrying a new handle.
 */
final class RecordingEngine implements ModelEngine {

    /** One delivered message with the thread it arrived on. */
    record Delivery(String sessionId, ClientMessage message, long index, String thread) {
    }

    final List<ConnectionContext> contexts = new CopyOnWriteArrayList<>();
    final List<Delivery> deliveries = new CopyOnWriteArrayList<>();
    final List<ConnectionContext> disconnected = new CopyOnWriteArrayList<>();

    @Override
    public ModelConnection attach(ConnectionContext context) {
        contexts.add(context);
        return new ModelConnection() {
            @Override
            public void onClientMessage(ClientMessage message, long index) {
                deliveries.add(
                        new Delivery(context.session().sessionId(), message, index, Thread.currentThread().getName()));
                if (message.realtimeInput() != null && message.realtimeInput().text() != null) {
                    context.session().history().add(Content.userText(message.realtimeInput().text()));
                    String handle = context.session().issueHandle(index);
                    context.out().send(ServerMessage.of(new SessionResumptionUpdate(handle, true, index)));
                }
            }

            @Override
            public void onDisconnect() {
                disconnected.add(context);
            }
        };
    }
}
