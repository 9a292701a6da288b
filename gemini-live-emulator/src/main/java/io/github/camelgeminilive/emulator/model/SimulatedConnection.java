package io.github.camelgeminilive.emulator.model;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Queue;
import java.util.Set;
import java.util.function.Function;
import java.util.function.Supplier;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.github.camelgeminilive.protocol.Blob;
import io.github.camelgeminilive.protocol.ClientContent;
import io.github.camelgeminilive.protocol.ClientMessage;
import io.github.camelgeminilive.protocol.Content;
import io.github.camelgeminilive.protocol.ContextUpdate;
import io.github.camelgeminilive.protocol.FunctionCall;
import io.github.camelgeminilive.protocol.FunctionResponse;
import io.github.camelgeminilive.protocol.GoAway;
import io.github.camelgeminilive.protocol.MimeTypes;
import io.github.camelgeminilive.protocol.Part;
import io.github.camelgeminilive.protocol.RealtimeInput;
import io.github.camelgeminilive.protocol.ServerContent;
import io.github.camelgeminilive.protocol.ServerMessage;
import io.github.camelgeminilive.protocol.Setup;
import io.github.camelgeminilive.protocol.ToolCall;
import io.github.camelgeminilive.protocol.ToolCallCancellation;
import io.github.camelgeminilive.protocol.ToolResponse;
import io.github.camelgeminilive.protocol.Transcription;
import io.github.camelgeminilive.protocol.VoiceActivityDetectionSignal;

/**
 * The simulated model of one connection: it turns user turns (text, or speech found in realtime audio) into model
 * turns, runs tool-call round trips, handles barge-in and reports resumption state. At most one model turn is in
 * flight; a new user turn interrupts it, unless {@code activityHandling} is {@code NO_INTERRUPTION}, in which case
 * the new turn waits until the current one completes. Client messages and timer tasks run under one lock, so the
 * state below is only touched by one thread at a time.
 */
final class SimulatedConnection implements ModelConnection {

    private static final Logger LOG = LoggerFactory.getLogger(SimulatedConnection.class);
    /** Close reasons are limited to 123 bytes by the WebSocket protocol. */
    private static final int MAX_REASON_BYTES = 123;

    /** A model turn in flight: waiting for a tool response, waiting out a scripted delay, or streaming. */
    private static final class ActiveTurn {
        private final Duration minimumAudio;
        private final Scenario.Rule rule;
        private FunctionCall pendingCall;
        private Function<Map<String, Object>, String> replyToTool;
        private ConnectionTimers.Timer delay;
        private TurnStreamer streamer;

        private ActiveTurn(Duration minimumAudio, Scenario.Rule rule) {
            this.minimumAudio = minimumAudio;
            this.rule = rule;
        }
    }

    private record QueuedTurn(String text, List<Content> earlier) {
    }

    private final Object lock = new Object();
    private final Setup setup;
    private final Outbound out;
    private final List<Content> history;
    private final EmulatorSettings settings;
    private final ReplyFormat format;
    private final ConnectionTimers timers;
    private final ResumptionReporter resumption;
    private final SpeechInput speech;
    private final Supplier<String> callIds;
    private final ReplyAudioCache audio;
    private final ConnectionLimits limits;
    private final boolean interruptible;
    private final Queue<QueuedTurn> queued = new ArrayDeque<>();
    private final Set<String> cancelledCalls = new HashSet<>();
    private Content systemInstruction;
    private ToolMatcher tools;
    private boolean seedingHistory;
    private long lastIndex = -1;
    private long speechStartIndex = -1;
    private ActiveTurn turn;

    SimulatedConnection(ConnectionContext context, Supplier<String> callIds, ReplyAudioCache audio) {
        this.setup = context.setup();
        this.out = context.out();
        this.history = context.session().history();
        this.settings = context.settings() == null ? EmulatorSettings.defaults() : context.settings();
        this.format = ReplyFormat.of(setup, context.rules());
        this.timers = new ConnectionTimers(context.scheduler(), lock, this::failed);
        this.resumption = new ResumptionReporter(setup, context.session(), out);
        this.speech = new SpeechInput(setup.realtimeInputConfig(), new SpeechInput.Listener() {
            @Override
            public void speechStarted() {
                onSpeechStarted();
            }

            @Override
            public void speechEnded(Duration length) {
                onSpeechEnded(length);
            }
        });
        this.callIds = callIds;
        this.audio = audio;
        this.interruptible = setup.realtimeInputConfig() == null
                || !"NO_INTERRUPTION".equals(setup.realtimeInputConfig().activityHandling());
        this.systemInstruction = setup.systemInstruction();
        this.tools = new ToolMatcher(setup.tools(), callIds);
        this.seedingHistory = setup.historyConfig() != null
                && Boolean.TRUE.equals(setup.historyConfig().initialHistoryInClientContent());
        this.limits = new ConnectionLimits(settings.limits(), setup, context.session().clock(),
                new ConnectionLimits.Ending() {
                    @Override
                    public void goAway(Duration timeLeft) {
                        SimulatedConnection.this.goAway(timeLeft);
                    }

                    @Override
                    public void close(int code, String reason) {
                        SimulatedConnection.this.close(code, reason);
                    }
                });
        synchronized (lock) {
            resumption.resumable(lastIndex);
            limits.start(timers);
        }
    }

    @Override
    public void onClientMessage(ClientMessage message, long index) {
        synchronized (lock) {
            if (timers.isStopped()) {
                return;
            }
            lastIndex = index;
            try {
                dispatch(message);
            } catch (InvalidClientInput e) {
                close(1007, e.getMessage());
            } catch (RuntimeException e) {
                failed(e);
            }
        }
    }

    @Override
    public void onDisconnect() {
        synchronized (lock) {
            stop();
        }
    }

    private void dispatch(ClientMessage message) {
        if (message.clientContent() != null) {
            onClientContent(message.clientContent());
        } else if (message.realtimeInput() != null) {
            onRealtimeInput(message.realtimeInput());
        } else if (message.toolResponse() != null) {
            onToolResponse(message.toolResponse());
        } else if (message.contextUpdate() != null) {
            onContextUpdate(message.contextUpdate());
        } else {
            throw new InvalidClientInput("unexpected client message: only one setup per connection, then "
                    + "clientContent, realtimeInput, toolResponse or contextUpdate");
        }
    }

    private void onClientContent(ClientContent content) {
        List<Content> turns = content.turns() == null ? List.of() : content.turns();
        boolean complete = Boolean.TRUE.equals(content.turnComplete());
        if (!complete || seedingHistory) {
            history.addAll(turns);
            seedingHistory &= !complete; // historyConfig: the first complete message ends the seeding
            return;
        }
        if (turns.isEmpty()) {
            throw new InvalidClientInput("clientContent with turnComplete: true has no turns");
        }
        history.addAll(turns.subList(0, turns.size() - 1));
        Content last = turns.get(turns.size() - 1);
        userTurn(last, textOf(last));
    }

    private void onRealtimeInput(RealtimeInput input) {
        if (input.audio() != null) {
            limits.audio(speech.audio(input.audio()));
        } else if (input.video() != null) {
            limits.video();
        } else if (input.text() != null) {
            userTurn(Content.userText(input.text()), input.text());
        } else if (input.activityStart() != null) {
            speech.activityStart();
        } else if (input.activityEnd() != null) {
            speech.activityEnd();
        } else if (Boolean.TRUE.equals(input.audioStreamEnd())) {
            speech.audioStreamEnd();
        } else if (input.mediaChunks() != null) {
            for (Blob chunk : input.mediaChunks()) {
                if (MimeTypes.isPcm(chunk.mimeType())) {
                    limits.audio(speech.audio(chunk));
                } else {
                    limits.video();
                }
            }
        }
        // the default model does not look at video frames: they only count for the session's length limit
    }

    private void onContextUpdate(ContextUpdate update) {
        if (update.systemInstruction() != null) {
            systemInstruction = update.systemInstruction();
        }
        if (update.tools() != null) {
            tools = new ToolMatcher(update.tools().tools(), callIds);
        }
    }

    private void onSpeechStarted() {
        speechStartIndex = lastIndex;
        vadSignal("VAD_SIGNAL_TYPE_SOS");
        if (turn != null && interruptible) {
            interrupt();
        }
    }

    private void onSpeechEnded(Duration length) {
        vadSignal("VAD_SIGNAL_TYPE_EOS");
        String placeholder = String.format(Locale.ROOT, "[speech %.2f s]", length.toNanos() / 1e9);
        if (format.inputTranscription()) {
            out.send(ServerMessage.of(ServerContent.ofInputTranscription(
                    new Transcription(placeholder, true, null, null, null))));
        }
        userTurn(Content.userText(placeholder), placeholder);
    }

    private void vadSignal(String type) {
        if (Boolean.TRUE.equals(setup.explicitVadSignal())) {
            out.send(ServerMessage.of(new VoiceActivityDetectionSignal(type)));
        }
    }

    /** A complete user turn: answer it now, or after the current turn when that may not be interrupted. */
    private void userTurn(Content content, String text) {
        if (turn != null && interruptible) {
            interrupt();
        }
        history.add(content);
        if (!limits.fitWindow(systemInstruction, history)) {
            return;
        }
        // after the window was fitted: the answer must not remember turns compression just dropped
        List<Content> earlier;
        synchronized (history) {
            earlier = List.copyOf(history.subList(0, history.size() - 1));
        }
        if (turn != null) {
            queued.add(new QueuedTurn(text, earlier));
        } else {
            begin(text, earlier);
        }
    }

    private void begin(String text, List<Content> earlier) {
        resumption.inFlight();
        Optional<Scenario.Rule> rule = settings.scenario() == null ? Optional.empty()
                : settings.scenario().match(text);
        turn = new ActiveTurn(ReplyComposer.minimumAudio(text), rule.orElse(null));
        if (rule.isPresent()) {
            Scenario.Rule r = rule.get();
            if (r.toolCall() != null) {
                FunctionCall call = new FunctionCall(callIds.get(), r.toolCall().name(), r.toolCall().args());
                requestTool(call, response -> r.reply() == null ? ReplyComposer.toolReply(call, response)
                        : r.reply().replace("{{response}}", ReplyComposer.json(response)));
            } else {
                replyAfter(r.delay(), r.reply() != null ? r.reply() : ReplyComposer.reply(text, earlier));
            }
            return;
        }
        Optional<FunctionCall> call = tools.match(text);
        if (call.isPresent()) {
            requestTool(call.get(), response -> ReplyComposer.toolReply(call.get(), response));
        } else {
            replyAfter(Duration.ZERO, ReplyComposer.reply(text, earlier));
        }
    }

    private void requestTool(FunctionCall call, Function<Map<String, Object>, String> replyToTool) {
        turn.pendingCall = call;
        turn.replyToTool = replyToTool;
        history.add(new Content("model", List.of(new Part(null, null, call, null, null, null, null))));
        out.send(ServerMessage.of(new ToolCall(List.of(call))));
    }

    private void onToolResponse(ToolResponse response) {
        List<FunctionResponse> responses = response.functionResponses();
        if (responses == null || responses.isEmpty()) {
            throw new InvalidClientInput("toolResponse has no functionResponses");
        }
        for (FunctionResponse r : responses) {
            if (r.id() == null || r.id().isBlank()) {
                throw new InvalidClientInput("toolResponse.functionResponses[].id is required");
            }
            if (cancelledCalls.remove(r.id())) {
                LOG.debug("Ignoring the response to cancelled function call {}", r.id());
                continue;
            }
            FunctionCall call = turn == null ? null : turn.pendingCall;
            if (call == null || !call.id().equals(r.id())) {
                throw new InvalidClientInput("toolResponse for unknown function call id '" + r.id() + "'");
            }
            if (r.name() != null && !r.name().equals(call.name())) {
                throw new InvalidClientInput("toolResponse for call '" + r.id() + "' names function '" + r.name()
                        + "' but the call was to '" + call.name() + "'");
            }
            turn.pendingCall = null;
            history.add(new Content("user", List.of(new Part(null, null, null, r, null, null, null))));
            Map<String, Object> result = r.response() == null ? Map.of() : r.response();
            replyAfter(turn.rule == null ? Duration.ZERO : turn.rule.delay(), turn.replyToTool.apply(result));
        }
    }

    private void replyAfter(Duration delay, String transcript) {
        if (delay.isZero()) {
            stream(transcript);
        } else {
            turn.delay = timers.schedule(() -> stream(transcript), delay.toNanos());
        }
    }

    private void stream(String transcript) {
        ActiveTurn streaming = turn;
        List<Content> conversation = List.copyOf(history);
        double seconds = TurnStreamer.audioLength(transcript, streaming.minimumAudio).toNanos() / 1e9;
        streaming.streamer = new TurnStreamer(transcript, streaming.minimumAudio, format,
                UsageEstimator.prompt(systemInstruction, conversation),
                UsageEstimator.turn(systemInstruction, conversation, transcript, format.audio(), seconds),
                settings.pace(), audio, timers, out, new TurnStreamer.Listener() {
                    @Override
                    public void started() {
                        if (streaming.rule != null && streaming.rule.fault() != null) {
                            scheduleFault(streaming.rule.fault());
                        }
                    }

                    @Override
                    public void finished(String said) {
                        history.add(Content.modelText(said));
                        turnEnded();
                    }
                });
        streaming.streamer.start();
    }

    private void turnEnded() {
        turn = null;
        QueuedTurn next = queued.poll();
        if (next != null) {
            // not at rest: a handle now would hold the queued user turn but never its reply
            begin(next.text(), next.earlier());
        } else {
            resumption.resumable(consumedIndex());
        }
    }

    /** Barge-in: the turn in flight stops here; the client drops what it queued and forgets pending calls. */
    private void interrupt() {
        ActiveTurn stopped = turn;
        turn = null;
        if (stopped.delay != null) {
            stopped.delay.cancel();
        }
        if (stopped.streamer != null) {
            String said = stopped.streamer.cancel();
            if (!said.isBlank()) {
                history.add(Content.modelText(said));
            }
        }
        out.send(ServerMessage.of(ServerContent.ofInterrupted()));
        if (stopped.pendingCall != null) {
            cancelledCalls.add(stopped.pendingCall.id());
            out.send(ServerMessage.of(new ToolCallCancellation(List.of(stopped.pendingCall.id()))));
        }
        resumption.resumable(consumedIndex());
    }

    /** The last client message the session state covers: speech still in progress is not part of it yet. */
    private long consumedIndex() {
        return speech.speaking() ? speechStartIndex - 1 : lastIndex;
    }

    private void scheduleFault(Scenario.Fault fault) {
        if (fault.after().isZero()) {
            inject(fault);
        } else {
            timers.schedule(() -> inject(fault), fault.after().toNanos());
        }
    }

    private void inject(Scenario.Fault fault) {
        switch (fault.type()) {
            case GO_AWAY -> goAway(fault.timeLeftDuration());
            case CLOSE -> close(fault.code(), fault.reason() == null ? "" : fault.reason());
            case DROP -> {
                stop();
                out.drop();
            }
        }
    }

    /** Tells the client the connection ends in {@code timeLeft}, then closes it normally as the service does. */
    private void goAway(Duration timeLeft) {
        out.send(ServerMessage.of(new GoAway(timeLeft)));
        timers.schedule(() -> close(1000, "connection lifetime ended after goAway"), timeLeft.toNanos());
    }

    private void failed(RuntimeException e) {
        LOG.warn("Simulated model failed; closing the connection with 1011", e);
        close(1011, "emulator model error: " + e.getMessage());
    }

    private void close(int code, String reason) {
        stop();
        out.close(code, truncate(reason));
    }

    private void stop() {
        timers.stop();
        if (turn != null && turn.streamer != null) {
            turn.streamer.cancel();
        }
        turn = null;
        queued.clear();
    }

    private static String textOf(Content content) {
        if (content.parts() == null) {
            return "";
        }
        return content.parts().stream().map(Part::text).filter(t -> t != null).reduce((a, b) -> a + " " + b)
                .orElse("");
    }

    private static String truncate(String reason) {
        String r = reason == null ? "" : reason;
        while (r.getBytes(StandardCharsets.UTF_8).length > MAX_REASON_BYTES) {
            r = r.substring(0, r.length() - 1);
        }
        return r;
    }
}
