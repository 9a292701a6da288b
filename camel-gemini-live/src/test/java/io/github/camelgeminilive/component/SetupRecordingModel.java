package io.github.camelgeminilive.component;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import io.github.camelgeminilive.emulator.model.ConnectionContext;
import io.github.camelgeminilive.emulator.model.Outbound;
import io.github.camelgeminilive.protocol.ClientMessage;
import io.github.camelgeminilive.protocol.Content;
import io.github.camelgeminilive.protocol.Part;
import io.github.camelgeminilive.protocol.ServerContent;
import io.github.camelgeminilive.protocol.ServerMessage;
import io.github.camelgeminilive.protocol.Transcription;

/**
 * The emulator's model, recording the setup of every connection and every client message in wire order. A user text
 * turn containing {@value #THINK} first gets what the default model never sends: an interim and a final input
 * transcription and a thought part, each before the ordinary reply.
 */
final class SetupRecordingModel extends TappedSimulatedModel {

    static final String THINK = "think aloud";
    static final String THOUGHT = "Weighing what to say.";
    static final String INTERIM = "thin";

    private final List<ConnectionContext> connections = new ArrayList<>();
    private final List<ClientMessage> messages = new ArrayList<>();

    @Override
    protected synchronized void connected(ConnectionContext context) {
        connections.add(context);
    }

    @Override
    protected void received(ConnectionContext context, ClientMessage message) {
        synchronized (this) {
            messages.add(message);
        }
        userText(message).filter(t -> t.contains(THINK)).ifPresent(t -> thinkAloud(context.out(), t));
    }

    /** The connections (with their setups) so far, oldest first. */
    synchronized List<ConnectionContext> connections() {
        return new ArrayList<>(connections);
    }

    synchronized List<ClientMessage> messages() {
        return new ArrayList<>(messages);
    }

    synchronized void clear() {
        connections.clear();
        messages.clear();
    }

    private static void thinkAloud(Outbound out, String text) {
        out.send(ServerMessage.of(new ServerContent(null, null, null, null, null, Transcription.of(INTERIM), null,
                null, null, null)));
        out.send(ServerMessage.of(ServerContent.ofInputTranscription(Transcription.of(text))));
        out.send(ServerMessage.of(ServerContent.ofModelTurn(new Content("model",
                List.of(new Part(THOUGHT, null, null, null, null, null, true))))));
    }

    private static Optional<String> userText(ClientMessage message) {
        if (message.realtimeInput() != null && message.realtimeInput().text() != null) {
            return Optional.of(message.realtimeInput().text());
        }
        if (message.clientContent() != null && Boolean.TRUE.equals(message.clientContent().turnComplete())) {
            return message.clientContent().turns().stream().flatMap(c -> c.parts().stream()).map(Part::text)
                    .filter(t -> t != null).findFirst();
        }
        return Optional.empty();
    }
}
