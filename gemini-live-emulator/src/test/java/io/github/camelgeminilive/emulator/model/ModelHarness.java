package io.github.camelgeminilive.emulator.model;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.ScheduledExecutorService;
import java.util.function.Predicate;

import org.awaitility.Awaitility;

import io.github.camelgeminilive.protocol.ClientContent;
import io.github.camelgeminilive.protocol.ClientMessage;
import io.github.camelgeminilive.protocol.Content;
import io.github.camelgeminilive.protocol.ModelRulesTable;
import io.github.camelgeminilive.protocol.RealtimeInput;
import io.github.camelgeminilive.protocol.ServerContent;
import io.github.camelgeminilive.protocol.ServerMessage;
import io.github.camelgeminilive.protocol.Setup;

/** One connection to a {@link SimulatedModel}, driven directly: the test plays the server and the client. */
final class ModelHarness {

    static final String NATIVE_AUDIO = "models/gemini-2.5-flash-native-audio-latest";
    static final String FLASH_LIVE = "models/gemini-3.1-flash-live-preview";

    final RecordingOutbound out = new RecordingOutbound();
    final InMemorySession session;
    final ModelConnection connection;
    private long index;

    ModelHarness(SimulatedModel model, Setup setup, ScheduledExecutorService scheduler, EmulatorSettings settings) {
        this(model, setup, scheduler, settings, new InMemorySession());
    }

    ModelHarness(SimulatedModel model, Setup setup, ScheduledExecutorService scheduler, EmulatorSettings settings,
            InMemorySession session) {
        this.session = session;
        this.connection = model.attach(new ConnectionContext(setup, ModelRulesTable.defaults().forModel(setup.model()),
                session, out, ModelScheduler.of(scheduler), settings));
    }

    static Setup.Builder audioSetup(String model) {
        return Setup.builder(model).outputAudioTranscription(true).inputAudioTranscription(true);
    }

    /** Sends a client message with the next index; returns that index. */
    long send(ClientMessage message) {
        long i = index++;
        connection.onClientMessage(message, i);
        return i;
    }

    long sendText(String text) {
        return send(ClientMessage.of(new ClientContent(List.of(Content.userText(text)), true)));
    }

    long send(RealtimeInput input) {
        return send(ClientMessage.of(input));
    }

    /** Streams {@code pcm} as realtime audio at {@code rate} in 100 ms messages. */
    void sendAudio(byte[] pcm, int rate) {
        int chunk = rate / 10 * 2;
        for (int off = 0; off < pcm.length; off += chunk) {
            byte[] part = java.util.Arrays.copyOfRange(pcm, off, Math.min(pcm.length, off + chunk));
            send(RealtimeInput.ofAudio(new io.github.camelgeminilive.protocol.Blob("audio/pcm;rate=" + rate, part)));
        }
    }

    List<ServerMessage> messages() {
        return out.messages();
    }

    List<ServerContent> contents() {
        return messages().stream().map(ServerMessage::serverContent).filter(c -> c != null).toList();
    }

    /** Waits until {@code count} messages match. */
    List<ServerMessage> await(Predicate<ServerMessage> match, int count) {
        Awaitility.await().atMost(Duration.ofSeconds(10))
                .until(() -> messages().stream().filter(match).count() >= count);
        return messages().stream().filter(match).toList();
    }

    void awaitTurnCompletes(int count) {
        await(m -> m.serverContent() != null && m.serverContent().isTurnComplete(), count);
    }

    static boolean isAudio(ServerMessage m) {
        return m.serverContent() != null && m.serverContent().modelTurn() != null
                && m.serverContent().modelTurn().parts().stream().anyMatch(p -> p.inlineData() != null);
    }

    /** All reply audio bytes received so far. */
    byte[] audio() {
        java.io.ByteArrayOutputStream pcm = new java.io.ByteArrayOutputStream();
        contents().stream().filter(c -> c.modelTurn() != null).flatMap(c -> c.modelTurn().parts().stream())
                .filter(p -> p.inlineData() != null).forEach(p -> pcm.writeBytes(p.inlineData().data()));
        return pcm.toByteArray();
    }

    /** The input transcriptions so far. */
    List<String> inputTranscripts() {
        return contents().stream().filter(c -> c.inputTranscription() != null)
                .map(c -> c.inputTranscription().text()).toList();
    }

    /** The concatenated output transcription so far. */
    String outputTranscript() {
        StringBuilder text = new StringBuilder();
        contents().stream().filter(c -> c.outputTranscription() != null)
                .forEach(c -> text.append(c.outputTranscription().text()));
        return text.toString();
    }
}
