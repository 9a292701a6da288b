package io.github.camelgeminilive.session.connection;

import java.util.ArrayList;
import java.util.List;

import io.github.camelgeminilive.protocol.Part;
import io.github.camelgeminilive.protocol.ServerContent;
import io.github.camelgeminilive.protocol.ServerMessage;
import io.github.camelgeminilive.protocol.SessionResumptionUpdate;
import io.github.camelgeminilive.session.LiveEvent;

/**
 * Fans one server message out into its events: every field and every part, in the order a turn unfolds (input
 * transcription, model parts, output transcription, turn state), then the other fields, usage last.
 * {@code groundingMetadata} and {@code waitingForInput} have no event.
 */
final class ServerEvents {

    private ServerEvents() {
    }

    static List<LiveEvent> of(ServerMessage m) {
        List<LiveEvent> events = new ArrayList<>(4);
        if (m.setupComplete() != null) {
            events.add(new LiveEvent.SetupCompleted(m.setupComplete().sessionId()));
        }
        if (m.serverContent() != null) {
            addContent(m.serverContent(), events);
        }
        if (m.toolCall() != null) {
            events.add(new LiveEvent.ToolCallRequested(nullToEmpty(m.toolCall().functionCalls())));
        }
        if (m.toolCallCancellation() != null) {
            events.add(new LiveEvent.ToolCallCancelled(nullToEmpty(m.toolCallCancellation().ids())));
        }
        if (m.goAway() != null) {
            events.add(new LiveEvent.GoAwayReceived(m.goAway().timeLeft()));
        }
        if (m.sessionResumptionUpdate() != null) {
            SessionResumptionUpdate u = m.sessionResumptionUpdate();
            events.add(new LiveEvent.ResumptionUpdate(u.newHandle(), u.isResumable(),
                    u.lastConsumedClientMessageIndex()));
        }
        if (m.voiceActivity() != null) {
            events.add(new LiveEvent.VoiceActivity(m.voiceActivity().voiceActivityType(),
                    m.voiceActivity().audioOffset()));
        }
        if (m.voiceActivityDetectionSignal() != null) {
            events.add(new LiveEvent.VoiceActivity(m.voiceActivityDetectionSignal().vadSignalType(), null));
        }
        if (m.usageMetadata() != null) {
            events.add(new LiveEvent.Usage(m.usageMetadata()));
        }
        return events;
    }

    private static void addContent(ServerContent c, List<LiveEvent> events) {
        if (c.inputTranscription() != null) {
            events.add(new LiveEvent.InputTranscription(c.inputTranscription(), false));
        }
        if (c.interimInputTranscription() != null) {
            events.add(new LiveEvent.InputTranscription(c.interimInputTranscription(), true));
        }
        if (c.modelTurn() != null && c.modelTurn().parts() != null) {
            for (Part part : c.modelTurn().parts()) {
                addPart(part, events);
            }
        }
        if (c.outputTranscription() != null) {
            events.add(new LiveEvent.OutputTranscription(c.outputTranscription()));
        }
        if (c.isInterrupted()) {
            events.add(new LiveEvent.Interrupted());
        }
        if (c.isGenerationComplete()) {
            events.add(new LiveEvent.GenerationComplete());
        }
        if (c.isTurnComplete()) {
            events.add(new LiveEvent.TurnComplete(c.turnCompleteReason()));
        }
    }

    private static void addPart(Part part, List<LiveEvent> events) {
        if (part.text() != null) {
            events.add(new LiveEvent.Text(part.text(), part.isThought()));
        }
        if (part.inlineData() != null && part.inlineData().data() != null) {
            events.add(new LiveEvent.Audio(part.inlineData().data(), part.inlineData().mimeType()));
        }
        if (part.executableCode() != null) {
            events.add(new LiveEvent.CodeExecution(part.executableCode(), null));
        }
        if (part.codeExecutionResult() != null) {
            events.add(new LiveEvent.CodeExecution(null, part.codeExecutionResult()));
        }
        if (part.functionCall() != null) {
            events.add(new LiveEvent.ToolCallRequested(List.of(part.functionCall())));
        }
    }

    private static <T> List<T> nullToEmpty(List<T> list) {
        return list == null ? List.of() : list;
    }
}
