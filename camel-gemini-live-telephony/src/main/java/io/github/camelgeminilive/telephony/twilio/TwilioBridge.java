package io.github.camelgeminilive.telephony.twilio;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;

import org.apache.camel.AsyncProducer;
import org.apache.camel.CamelContext;
import org.apache.camel.CamelContextAware;
import org.apache.camel.Exchange;
import org.apache.camel.Message;
import org.apache.camel.api.management.ManagedAttribute;
import org.apache.camel.api.management.ManagedResource;
import org.apache.camel.support.service.ServiceSupport;
import org.apache.camel.util.URISupport;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.github.camelgeminilive.component.GeminiLiveConstants;
import io.github.camelgeminilive.component.ManagedServices;
import io.github.camelgeminilive.component.MeterBinding;
import io.github.camelgeminilive.protocol.MimeTypes;
import io.github.camelgeminilive.telephony.call.DropLog;
import io.github.camelgeminilive.telephony.playout.Pacer;
import io.github.camelgeminilive.telephony.playout.Playout;
import io.github.camelgeminilive.websocket.GeminiLiveWebsocketConstants;
import io.github.camelgeminilive.websocket.OptionBounds;

/**
 * Connects Twilio Media Streams calls to Gemini Live sessions, one session per call keyed by its {@code streamSid}.
 * A route names it twice, so the call path needs no code:
 * <ul>
 * <li>{@link #fromTwilio(Exchange)} on the Media Streams WebSocket route turns what the model must hear into a
 * message for the {@code gemini-live} producer, which the route sends on when {@link TwilioConstants#TO_MODEL} is
 * true: caller audio as 16 kHz PCM, the optional greeting when the call starts, a {@code close} when it stops or the
 * WebSocket closes (session key = {@code streamSid}). Every exchange goes on described by
 * {@link TwilioConstants#EVENT}, so the route can act on {@code dtmf}, {@code mark}, {@code start}... The WebSocket
 * consumer's {@code maxInFlight} lets a frame start before the previous frame's write completed.</li>
 * <li>{@link #toTwilio(Exchange)} on the {@code gemini-live} consumer route takes the model's events: its 24 kHz
 * audio goes to the caller as mu-law 8 kHz {@code media} frames of 20 ms, paced in real time by the context's
 * {@link Pacer} (one scheduler for all calls), a {@code mark} after each turn, and a {@code clear} at once on
 * barge-in.</li>
 * </ul>
 * Messages for Twilio go to the {@code output} endpoint (the WebSocket producer), each with the call's connection
 * key. Per-call state is bounded ({@code maxBufferedAudio}) and ends with the call. A send to Twilio that fails is
 * counted and logged; it does not fail the route's exchange (a send to the model fails the route's, as usual).
 */
@ManagedResource(description = "Twilio Media Streams bridge")
public class TwilioBridge extends ServiceSupport implements CamelContextAware {

    /** The WebSocket close code of a refused call: policy violation. */
    static final int POLICY_VIOLATION = 1008;

    private static final Logger LOG = LoggerFactory.getLogger(TwilioBridge.class);
    private static final Duration MIN_CALLER_CHUNK = Duration.ofMillis(20);
    /** Most audio the model waits for: beyond it the caller's pauses reach its voice detection late. */
    private static final Duration MAX_CALLER_CHUNK = Duration.ofMillis(200);

    private final TwilioCodec codec = new TwilioCodec();
    private final TwilioCounters counters = new TwilioCounters();
    private final Map<String, TwilioCall> calls = new ConcurrentHashMap<>();
    private final Map<String, TwilioCall> callsByConnection = new ConcurrentHashMap<>();
    private CamelContext camelContext;
    private String output;
    private String greeting;
    private Duration maxBufferedAudio = Duration.ofSeconds(30);
    private Duration playbackLead = Duration.ofMillis(100);
    private Duration callerChunk = Duration.ofMillis(20);
    private int maxCalls = 1000;
    private AsyncProducer producer;
    private Pacer pacer;
    private AutoCloseable meters;

    /**
     * A Media Streams WebSocket exchange: reads the Twilio message (or WebSocket event), describes it in the
     * exchange's headers and, when the model must hear something, makes the exchange the message for the call's
     * session ({@link TwilioConstants#TO_MODEL} true).
     *
     * @throws TwilioProtocolException a malformed message
     */
    public void fromTwilio(Exchange exchange) {
        ensureStarted(exchange.getContext());
        Message in = exchange.getMessage();
        in.setHeader(TwilioConstants.TO_MODEL, false);
        String wsEvent = in.getHeader(GeminiLiveWebsocketConstants.EVENT, "message", String.class);
        switch (wsEvent) {
            case "message" -> message(in);
            case "close" -> hangup(in, "hangup");
            default -> in.setHeader(TwilioConstants.EVENT, wsEvent);
        }
    }

    /**
     * A {@code gemini-live} consumer exchange: plays the model's audio to the call of its session key, marks the
     * end of each turn and clears Twilio's buffer on barge-in. Other events pass unchanged.
     */
    public void toTwilio(Exchange exchange) {
        ensureStarted(exchange.getContext());
        Message in = exchange.getMessage();
        String key = in.getHeader(GeminiLiveConstants.SESSION_KEY, String.class);
        String type = in.getHeader(GeminiLiveConstants.EVENT_TYPE, String.class);
        TwilioCall call = key == null ? null : calls.get(key);
        if ("audio".equals(type)) {
            int rate = MimeTypes.pcmRate(in.getHeader(GeminiLiveConstants.MIME_TYPE, String.class),
                    MimeTypes.PCM_OUTPUT_RATE);
            if (rate != MimeTypes.PCM_OUTPUT_RATE) {
                throw new IllegalArgumentException("TwilioBridge plays the model's 24 kHz PCM, got audio at " + rate
                        + " Hz");
            }
            byte[] pcm = in.getBody(byte[].class);
            if (call == null) {
                counters.playout.endedAudio(pcm == null ? 0 : pcm.length / 6);
            } else if (pcm != null) {
                call.playout().modelAudio(pcm, System.nanoTime());
            }
        } else if (call != null && "turnComplete".equals(type)) {
            call.turnComplete(System.nanoTime());
        } else if (call != null && "interrupted".equals(type)) {
            call.playout().interrupted();
        }
    }

    private void message(Message in) {
        TwilioEvent event;
        try {
            event = codec.read(in.getBody(String.class));
        } catch (TwilioProtocolException e) {
            counters.invalidMessages.increment();
            throw e;
        }
        in.setHeader(TwilioConstants.EVENT, event instanceof TwilioEvent.Unknown ? "unknown" : event.event());
        if (event.streamSid() != null) {
            in.setHeader(TwilioConstants.STREAM_SID, event.streamSid());
        }
        if (event instanceof TwilioEvent.Media media) {
            TwilioCall call = callOf(in, media.streamSid());
            if (call != null) {
                counters.frameIn();
                byte[] chunk = call.callerAudio(media.payload());
                if (chunk != null) {
                    toModel(in, call, "sendAudio", chunk);
                }
            }
        } else if (event instanceof TwilioEvent.Start start) {
            start(in, start);
        } else if (event instanceof TwilioEvent.Mark mark) {
            TwilioCall call = callOf(in, mark.streamSid());
            if (call == null) {
                return;
            }
            long played = call.markPlayed(mark.name());
            counters.marksPlayed.increment();
            in.setHeader(TwilioConstants.MARK_NAME, mark.name());
            if (played >= 0) {
                in.setHeader(TwilioConstants.PLAYED_MS, played);
            }
        } else if (event instanceof TwilioEvent.Dtmf dtmf) {
            counters.dtmfDigit();
            in.setHeader(TwilioConstants.DTMF_DIGIT, dtmf.digit());
        } else if (event instanceof TwilioEvent.Stop stop) {
            if (callOf(in, stop.streamSid()) != null) {
                in.setHeader(TwilioConstants.CALL_SID, stop.callSid());
                hangup(in, "stop");
            }
        } else if (event instanceof TwilioEvent.Unknown unknown) {
            counters.unknownEvents.increment();
            LOG.debug("Ignored a Media Streams message with the unknown event '{}'", unknown.event());
        }
    }

    private void start(Message in, TwilioEvent.Start start) {
        String connection = in.getHeader(GeminiLiveWebsocketConstants.CONNECTION_KEY, String.class);
        if (connection == null) {
            throw refused(start, "it has no " + GeminiLiveWebsocketConstants.CONNECTION_KEY
                    + " header (not from the WebSocket endpoint?)");
        }
        String why = null;
        TwilioCall call = null;
        if (!TwilioEvent.MediaFormat.MULAW_8K.equals(start.mediaFormat())) {
            why = "its media format " + start.mediaFormat() + " is not " + TwilioEvent.MediaFormat.MULAW_8K;
        } else {
            synchronized (calls) {
                if (calls.size() >= maxCalls) {
                    why = maxCalls + " calls are in progress (maxCalls)";
                } else if (callsByConnection.containsKey(connection)) { // else the first call would outlive it
                    why = "its WebSocket carries the call of stream " + callsByConnection.get(connection).streamSid()
                            + " already";
                } else if (calls.containsKey(start.streamSid())) {
                    why = "the stream was started already";
                } else { // built only for a call taken: a refused one (maybe a flood of them) costs no converter
                    call = new TwilioCall(start.streamSid(), connection, bufferFrames(), playbackLead.toNanos(),
                            callerChunk, this::send, counters.playout);
                    calls.put(start.streamSid(), call);
                    callsByConnection.put(connection, call);
                }
            }
        }
        if (call == null) {
            // closing ends the connection's stream of media: refusing each of its frames would flood the route
            in.setHeader(TwilioConstants.EVENT, "refused");
            String reason = why;
            DropLog.log(LOG, counters.callRefused(), () -> "Refused the call of stream " + start.streamSid() + ": "
                    + reason);
            write(connection, null, true, error -> counters.sendFailures.increment());
            return;
        }
        pacer.add(call.playout());
        counters.callStarted();
        in.setHeader(TwilioConstants.CALL_SID, start.callSid());
        in.setHeader(TwilioConstants.CUSTOM_PARAMETERS, start.customParameters());
        if (greeting != null && !greeting.isBlank()) {
            toModel(in, call, "sendText", greeting);
        }
    }

    /** The call ends ({@code stop}, or its WebSocket closed before one): its session is closed. */
    private void hangup(Message in, String event) {
        in.setHeader(TwilioConstants.EVENT, event);
        TwilioCall call =
                callsByConnection.get(in.getHeader(GeminiLiveWebsocketConstants.CONNECTION_KEY, "", String.class));
        if (call == null) {
            return; // a WebSocket that closed after its stop, or never started a call
        }
        synchronized (calls) {
            calls.remove(call.streamSid(), call);
            callsByConnection.remove(call.connectionKey(), call);
        }
        pacer.remove(call.playout());
        call.playout().end();
        counters.callerAudioUnsentMs.add(call.dropCallerAudio());
        counters.callEnded();
        in.setHeader(TwilioConstants.STREAM_SID, call.streamSid());
        toModel(in, call, "close", null);
    }

    /** Makes the exchange a message for the call's session: the route sends it to the gemini-live producer. */
    private static void toModel(Message in, TwilioCall call, String operation, Object body) {
        in.setBody(body);
        in.setHeader(TwilioConstants.TO_MODEL, true);
        in.setHeader(GeminiLiveConstants.SESSION_KEY, call.streamSid());
        in.setHeader(GeminiLiveConstants.OPERATION, operation);
        if (body instanceof byte[]) {
            in.setHeader(GeminiLiveConstants.MIME_TYPE, MimeTypes.PCM_INPUT);
        }
    }

    /**
     * The call that the message's WebSocket started, if the message names its stream. Looked up by connection, not
     * by {@code streamSid} alone: a peer must not reach another connection's call. Anything else (a stream never
     * started, ended, refused or of another connection) is dropped and counted, with no exception: a refused call's
     * frames may still be in flight, 50 a second.
     */
    private TwilioCall callOf(Message in, String streamSid) {
        TwilioCall call =
                callsByConnection.get(in.getHeader(GeminiLiveWebsocketConstants.CONNECTION_KEY, "", String.class));
        if (call != null && call.streamSid().equals(streamSid)) {
            return call;
        }
        in.setHeader(TwilioConstants.EVENT, "invalid");
        DropLog.count(counters.invalidMessages, LOG, () -> "Dropped a Media Streams message for the stream "
                + streamSid + ", which its WebSocket has not started (or has ended)");
        return null;
    }

    private TwilioProtocolException refused(TwilioEvent.Start start, String why) {
        counters.callRefused();
        return new TwilioProtocolException("Refused the call of stream " + start.streamSid() + ": " + why);
    }

    private int bufferFrames() {
        return (int) Math.max(1, maxBufferedAudio.toMillis() / 20);
    }

    /** Writes one message to the call's WebSocket; a failure is counted, as the call may just have ended. */
    private void send(TwilioCall call, TwilioCommand command) {
        write(call.connectionKey(), codec.write(command), false, error -> sendFailed(call, error));
    }

    /** Writes a text to a WebSocket, or closes it with 1008 (policy violation), through the output endpoint. */
    private void write(String connection, String text, boolean close, Consumer<Throwable> failed) {
        Exchange exchange = producer.getEndpoint().createExchange();
        exchange.getMessage().setBody(text);
        exchange.getMessage().setHeader(GeminiLiveWebsocketConstants.CONNECTION_KEY, connection);
        if (close) {
            exchange.getMessage().setHeader(GeminiLiveWebsocketConstants.CLOSE_WITH_CODE, POLICY_VIOLATION);
            exchange.getMessage().setHeader(GeminiLiveWebsocketConstants.CLOSE_WITH_REASON, "call refused");
        }
        try {
            producer.process(exchange, doneSync -> {
                if (exchange.getException() != null) {
                    failed.accept(exchange.getException());
                }
            });
        } catch (RuntimeException e) {
            failed.accept(e);
        }
    }

    private void sendFailed(TwilioCall call, Throwable error) {
        counters.sendFailures.increment();
        LOG.debug("Could not send to the call of stream {}: {}", call.streamSid(), error.getMessage());
    }

    /**
     * Starts as a service of the context, so it stops with it: when the context starts (a bean given the context, as
     * a route's beans are), else on first use.
     */
    private void ensureStarted(CamelContext context) {
        if (!isStarted()) {
            synchronized (this) {
                if (!isStarted()) {
                    if (camelContext == null) {
                        camelContext = context;
                    }
                    try {
                        camelContext.addService(this, true, true);
                    } catch (Exception e) {
                        throw new IllegalStateException("TwilioBridge could not start: " + e.getMessage(), e);
                    }
                }
            }
        }
    }

    @Override
    protected void doStart() throws Exception {
        if (output == null || output.isBlank()) {
            throw new IllegalStateException("TwilioBridge needs the output option: the endpoint of the WebSocket "
                    + "producer, e.g. gemini-live-websocket:127.0.0.1:8080/media");
        }
        producer = camelContext.getEndpoint(output).createAsyncProducer();
        producer.start();
        pacer = Pacer.of(camelContext);
        meters = MeterBinding.bindCounters(camelContext, Map.of("camelContext", camelContext.getName(),
                "endpointName", URISupport.sanitizeUri(output)), counters.meters("gemini.live.twilio."));
        // on JMX as a context service (Camel registers only some of the services added while it starts)
        ManagedServices.manage(camelContext, this);
    }

    @Override
    protected void doStop() throws Exception {
        if (meters != null) {
            meters.close();
            meters = null;
        }
        if (producer != null) {
            producer.stop();
        }
        for (TwilioCall call : calls.values()) {
            pacer.remove(call.playout());
            call.playout().end();
            counters.callerAudioUnsentMs.add(call.dropCallerAudio());
        }
        calls.clear();
        callsByConnection.clear();
    }

    /** What the bridge did and dropped. */
    public TwilioCounters getCounters() {
        return counters;
    }

    /** The counters by name, for JMX. */
    @ManagedAttribute(description = "What the bridge did and dropped, by counter name (see docs/telephony.md)")
    public Map<String, Long> getCounterValues() {
        return counters.values();
    }

    /** Calls in progress. */
    @ManagedAttribute(description = "Calls in progress")
    public int getActiveCalls() {
        return calls.size();
    }

    @Override
    public CamelContext getCamelContext() {
        return camelContext;
    }

    @Override
    public void setCamelContext(CamelContext camelContext) {
        if (this.camelContext == camelContext) {
            return; // also when adding itself as a service below sets it again: once is enough
        }
        this.camelContext = camelContext;
        // a missing option fails the context's start, not the first call; the listener runs before routes start
        // (and at once if the context runs already)
        try {
            camelContext.addStartupListener((context, alreadyStarted) -> ensureStarted(context));
        } catch (Exception e) {
            throw new IllegalStateException("TwilioBridge could not start: " + e.getMessage(), e);
        }
    }

    public String getOutput() {
        return output;
    }

    /** The endpoint URI that writes to the Twilio WebSocket (required). */
    public void setOutput(String output) {
        this.output = output;
    }

    public String getGreeting() {
        return greeting;
    }

    /** A text turn sent to the model when a call starts, so that it greets the caller; none by default. */
    public void setGreeting(String greeting) {
        this.greeting = greeting;
    }

    public Duration getMaxBufferedAudio() {
        return maxBufferedAudio;
    }

    /** Most model audio one call holds unplayed (default 30 s); beyond it the oldest is dropped and counted. */
    public void setMaxBufferedAudio(Duration maxBufferedAudio) {
        OptionBounds.check("maxBufferedAudio", maxBufferedAudio, Playout.MIN_BUFFERED, Playout.MAX_BUFFERED);
        this.maxBufferedAudio = maxBufferedAudio;
    }

    public Duration getPlaybackLead() {
        return playbackLead;
    }

    /**
     * How far ahead of real time audio is sent (default 100 ms): Twilio buffers that much, so a late tick does not
     * starve the caller; a clear drops it on barge-in.
     */
    public void setPlaybackLead(Duration playbackLead) {
        OptionBounds.check("playbackLead", playbackLead, Duration.ZERO, Playout.MAX_LEAD);
        this.playbackLead = playbackLead;
    }

    public Duration getCallerChunk() {
        return callerChunk;
    }

    /**
     * The caller's audio the model gets in one message, at least (default 20 ms: each {@code media} frame as it
     * comes). 40 ms halves the messages to the service (and their cost on both ends) for 20 ms more before the model
     * hears the start of a frame; the audio still kept for a chunk when a call ends is not sent, and is counted
     * ({@code callerAudioUnsentMs}).
     */
    public void setCallerChunk(Duration callerChunk) {
        OptionBounds.check("callerChunk", callerChunk, MIN_CALLER_CHUNK, MAX_CALLER_CHUNK);
        this.callerChunk = callerChunk;
    }

    public int getMaxCalls() {
        return maxCalls;
    }

    /** Most calls in progress at once (default 1000); a start beyond it is refused. */
    public void setMaxCalls(int maxCalls) {
        OptionBounds.check("maxCalls", maxCalls, 1, Integer.MAX_VALUE);
        this.maxCalls = maxCalls;
    }
}
