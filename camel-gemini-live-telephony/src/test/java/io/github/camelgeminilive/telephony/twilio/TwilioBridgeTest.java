package io.github.camelgeminilive.telephony.twilio;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import org.apache.camel.CamelContext;
import org.apache.camel.Exchange;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.component.mock.MockEndpoint;
import org.apache.camel.console.DevConsole;
import org.apache.camel.console.DevConsoleRegistry;
import org.apache.camel.impl.DefaultCamelContext;
import org.apache.camel.support.DefaultExchange;
import org.apache.camel.support.PluginHelper;
import org.apache.camel.support.ResourceHelper;
import org.apache.camel.util.URISupport;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import io.github.camelgeminilive.component.GeminiLiveConstants;
import io.github.camelgeminilive.emulator.GeminiLiveEmulator;
import io.github.camelgeminilive.emulator.SessionInfo;
import io.github.camelgeminilive.telephony.TelephonyDevConsole;
import io.github.camelgeminilive.telephony.twilio.simulator.TwilioCallSimulator;
import io.github.camelgeminilive.transport.WebSocketTransport;
import io.github.camelgeminilive.websocket.GeminiLiveWebsocketEndpoint;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;

/**
 * Phone calls end to end on loopback: the Twilio call simulator on the Media Streams WebSocket, the YAML route of
 * {@code routes/twilio-calls.yaml} with the bridge, and the emulator speaking in real time (a barge-in needs a reply
 * that is still streaming).
 */
class TwilioBridgeTest {

    private static final String API_KEY = "twilio-test-key-5d1e";
    private static final String MEDIA = "gemini-live-websocket:127.0.0.1:0/media";
    private static final Duration WAIT = Duration.ofSeconds(30);

    private static GeminiLiveEmulator emulator;
    private static ScheduledExecutorService clock;
    private static WebSocketTransport phones;
    private static byte[] speech;

    private static CamelContext context;
    private static TwilioBridge bridge;
    private static URI mediaUri;
    private static final MeterRegistry METERS = new SimpleMeterRegistry();

    @BeforeAll
    static void start() throws Exception {
        // the model speaks three times faster than real time: the bridge holds unplayed audio, which it paces
        emulator = GeminiLiveEmulator.builder().port(0).apiKey(API_KEY).pace(1.0 / 3).build().start();
        clock = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "twilio-simulator-clock");
            t.setDaemon(true);
            return t;
        });
        phones = TwilioCallSimulator.newTransport();
        speech = speech();
        startRoutes();
    }

    /** "Hello, can you hear me?" as Twilio sends it; src/test/resources/twilio/README.md tells how it was made. */
    static byte[] speech() throws IOException {
        try (InputStream in = TwilioBridgeTest.class.getResourceAsStream("/twilio/speech-8k.ulaw")) {
            return in.readAllBytes();
        }
    }

    @AfterAll
    static void stop() throws Exception {
        context.close();
        clock.shutdownNow();
        phones.close();
        emulator.close();
    }

    /** One context for the class: starting the YAML routes takes seconds on a busy machine. */
    private static void startRoutes() throws Exception {
        context = new DefaultCamelContext();
        context.getRegistry().bind("meters", METERS);
        context.getPropertiesComponent().addInitialProperty("gemini.apiKey", API_KEY);
        context.getPropertiesComponent().addInitialProperty("twilio.media", MEDIA);
        context.getPropertiesComponent().addInitialProperty("twilio.calls", "gemini-live:calls?openOnStart=false"
                + "&idleTimeout=2m&baseUrl=" + emulator.baseUrl() + "&apiKey={{gemini.apiKey}}");
        PluginHelper.getRoutesLoader(context)
                .loadRoutes(ResourceHelper.resolveMandatoryResource(context, "classpath:routes/twilio-calls.yaml"));
        context.start();
        bridge = context.getRegistry().lookupByNameAndType("twilio", TwilioBridge.class);
        int port = context.getEndpoint(MEDIA, GeminiLiveWebsocketEndpoint.class).getLocalPort();
        mediaUri = URI.create("ws://127.0.0.1:" + port + "/media");
    }

    @Test
    void aCallHearsTheModelBargesInPressesAKeyAndHangsUp() throws Exception {
        TwilioCounters counters = bridge.getCounters();
        long started = counters.callsStarted();
        long ended = counters.callsEnded();
        long clears = counters.playout().clears();
        long digits = counters.dtmfDigits();
        long invalid = counters.invalidMessages();
        long sendFailures = counters.sendFailures();
        MockEndpoint dtmf = context.getEndpoint("mock:dtmf", MockEndpoint.class);
        dtmf.expectedHeaderReceived(TwilioConstants.DTMF_DIGIT, "5");
        MockEndpoint marks = context.getEndpoint("mock:mark", MockEndpoint.class);
        marks.expectedMinimumMessageCount(1);

        try (TwilioCallSimulator call = TwilioCallSimulator.connect(phones, mediaUri, "MZcall1", clock)) {
            call.start("CAcall1", Map.of("caller", "+15550100"));
            // the greeting makes the model speak; the caller talks over it
            call.firstAudio().get(WAIT.toSeconds(), TimeUnit.SECONDS);
            // taken before the speech: the clear may come before the speech's future has woken this thread
            CompletableFuture<Long> clear = call.nextClear();
            call.say(speech).get(WAIT.toSeconds(), TimeUnit.SECONDS);
            clear.get(WAIT.toSeconds(), TimeUnit.SECONDS);
            // the clear comes at once, before the next media frame: while the caller still speaks (the emulator
            // interrupts on the speech's first loud frame; its 1.4 s are a bound no busy machine reaches), and no
            // frame of the interrupted reply follows it (the model answers only once the caller stopped). How long
            // the clear takes (under 200 ms) is the load run's figure, not a CI assertion
            assertThat(call.clearedWhileSpeaking()).isTrue();

            // the model answers the speech in a whole turn: its mark comes back once that audio has been played
            marks.assertIsSatisfied(WAIT.toMillis());
            assertThat(call.framesAfterClearWhileSpeaking()).isZero();
            assertThat(marks.getExchanges().get(0).getMessage().getHeader(TwilioConstants.PLAYED_MS, Long.class))
                    .isPositive();

            call.dtmf("5");
            dtmf.assertIsSatisfied(WAIT.toMillis());

            call.stop().get(WAIT.toSeconds(), TimeUnit.SECONDS);
            await().atMost(WAIT).until(() -> bridge.getActiveCalls() == 0 && openConnections() == 0);

            assertThat(call.protocolErrors()).isEmpty();
            assertThat(call.heardRms()).as("the model's voice, not silence").isGreaterThan(300);
            assertThat(call.clears()).isEqualTo(1);
            // paced in real time: the frames took about as long to arrive as they play (the lead sent ahead
            // before each turn's start and the clear aside), never a burst
            assertThat(call.mediaSpan()).isGreaterThan(Duration.ofMillis(call.mediaFrames() * 20L - 300));
        }
        assertThat(counters.callsStarted() - started).isEqualTo(1);
        assertThat(counters.callsEnded() - ended).isEqualTo(1);
        assertThat(counters.playout().clears() - clears).isEqualTo(1);
        assertThat(counters.dtmfDigits() - digits).isEqualTo(1);
        assertThat(counters.framesIn()).isPositive();
        assertThat(counters.marksPlayed()).isPositive();
        assertThat(counters.invalidMessages() - invalid).isZero();
        assertThat(counters.sendFailures() - sendFailures).isZero();
    }

    @Test
    void theCallCountersAreMetersAndOnTheDevConsole() throws Exception {
        try (TwilioCallSimulator call = TwilioCallSimulator.connect(phones, mediaUri, "MZmeters", clock)) {
            call.start("CAmeters", Map.of());
            call.firstAudio().get(WAIT.toSeconds(), TimeUnit.SECONDS);
            call.stop().get(WAIT.toSeconds(), TimeUnit.SECONDS);
            await().atMost(WAIT).until(() -> bridge.getActiveCalls() == 0);
        }
        TwilioCounters counters = bridge.getCounters();
        assertThat(counters.callsEnded()).isPositive();
        assertThat(meter("gemini.live.twilio.calls.started")).isEqualTo(counters.callsStarted());
        assertThat(meter("gemini.live.twilio.calls.ended")).isEqualTo(counters.callsEnded());
        assertThat(meter("gemini.live.twilio.frames.in")).isEqualTo(counters.framesIn());
        assertThat(meter("gemini.live.twilio.playout.frames.out")).isPositive()
                .isEqualTo(counters.playout().framesOut());
        assertThat(METERS.find("gemini.live.twilio.invalid.messages").functionCounter()).isNotNull();

        DevConsole console = DevConsoleRegistry.get(context).resolveById("gemini-live-telephony");
        assertThat(console).isInstanceOf(TelephonyDevConsole.class);
        String text = (String) console.call(DevConsole.MediaType.TEXT);
        assertThat(text).contains("Twilio bridge: " + MEDIA, "Active calls: 0",
                "callsEnded: " + counters.callsEnded(), "playout.framesOut: " + counters.playout().framesOut());
    }

    private static long meter(String name) {
        return (long) METERS.get(name).tag("camelContext", context.getName())
                .tag("endpointName", URISupport.sanitizeUri(MEDIA)).functionCounter().count();
    }

    @Test
    void everyCallEndsItsSessionWhetherItStopsOrItsWebSocketCloses() throws Exception {
        long ended = bridge.getCounters().callsEnded();
        List<TwilioCallSimulator> calls = List.of(TwilioCallSimulator.connect(phones, mediaUri, "MZa", clock),
                TwilioCallSimulator.connect(phones, mediaUri, "MZb", clock),
                TwilioCallSimulator.connect(phones, mediaUri, "MZc", clock));
        try {
            for (TwilioCallSimulator call : calls) {
                call.start("CA" + calls.indexOf(call), Map.of());
            }
            for (TwilioCallSimulator call : calls) {
                call.firstAudio().get(WAIT.toSeconds(), TimeUnit.SECONDS); // each call has its own session
            }
            assertThat(bridge.getActiveCalls()).isEqualTo(3);
            assertThat(openConnections()).isEqualTo(3);

            calls.get(0).stop();
            calls.get(1).hangUp(); // no stop: the WebSocket's close ends the call
            calls.get(2).stop();
            await().atMost(WAIT).until(() -> bridge.getActiveCalls() == 0 && openConnections() == 0);
            assertThat(bridge.getCounters().callsEnded() - ended).isEqualTo(3);
        } finally {
            calls.forEach(TwilioCallSimulator::close);
        }
    }

    @Test
    void theCallersLastFramesBeforeStopReachTheSessionBeforeItCloses() throws Exception {
        int sessionsBefore = emulator.admin().sessions().size();
        long invalid = bridge.getCounters().invalidMessages();
        long frames;
        try (TwilioCallSimulator call = TwilioCallSimulator.connect(phones, mediaUri, "MZlast", clock)) {
            call.start("CAlast", Map.of());
            call.firstAudio().get(WAIT.toSeconds(), TimeUnit.SECONDS); // the session is open
            call.say(speech); // the last frames before stop are speech, pipelined (maxInFlight) with the stop
            await().atMost(WAIT).until(() -> call.sentFrames() >= 100);
            call.stop().get(WAIT.toSeconds(), TimeUnit.SECONDS);
            await().atMost(WAIT).until(() -> bridge.getActiveCalls() == 0 && openConnections() == 0);
            // a frame the microphone's last tick sent after the stop is the call's no more: dropped and counted
            frames = call.sentFrames() - (bridge.getCounters().invalidMessages() - invalid);
        }
        await().atMost(WAIT).until(() -> emulator.admin().sessions().size() > sessionsBefore);
        SessionInfo session = emulator.admin().sessions().get(sessionsBefore);
        // every frame is 320 samples at 16 kHz; the resampler holds back less than one frame (its filter's delay),
        // so a close that overtook the last writes would show as whole frames missing
        assertThat(session.audioSamplesReceived()).isGreaterThan(frames * 320 - 320)
                .isLessThanOrEqualTo(frames * 320);
    }

    @Test
    void withFortyMillisecondChunksEverySecondFrameGoesToTheModelAndAFrameKeptAtStopIsCounted() throws Exception {
        TwilioBridge chunked = new TwilioBridge();
        chunked.setOutput(MEDIA);
        chunked.setCallerChunk(Duration.ofMillis(40));
        chunked.setCamelContext(context);
        try {
            chunked.fromTwilio(twilioMessage("conn-chunks", start("MZchunks")));
            String frame = media("MZchunks", Base64.getEncoder().encodeToString(new byte[160]));
            List<Object> toModel = new ArrayList<>();
            for (int i = 0; i < 5; i++) {
                Exchange media = twilioMessage("conn-chunks", frame);
                chunked.fromTwilio(media);
                toModel.add(media.getMessage().getHeader(TwilioConstants.TO_MODEL, Boolean.class)
                        ? media.getMessage().getBody(byte[].class).length : "kept");
            }
            assertThat(toModel).containsExactly("kept", 1280, "kept", 1280, "kept");
            assertThat(chunked.getCounters().framesIn()).isEqualTo(5);
            Exchange stop = twilioMessage("conn-chunks", stop("MZchunks"));
            chunked.fromTwilio(stop);
            assertThat(stop.getMessage().getHeader(GeminiLiveConstants.OPERATION)).isEqualTo("close");
            assertThat(chunked.getCounters().callerAudioUnsentMs()).as("the fifth frame, never sent").isEqualTo(20);
            assertThat(chunked.getCounterValues()).containsEntry("callerAudioUnsentMs", 20L);
        } finally {
            chunked.stop();
        }
        assertThatThrownBy(() -> chunked.setCallerChunk(Duration.ofMillis(10)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("callerChunk");
    }

    @Test
    void aMessageForAStreamThatNeverStartedIsDroppedAndCounted() {
        long invalid = bridge.getCounters().invalidMessages();
        long framesIn = bridge.getCounters().framesIn();
        Exchange exchange = twilioMessage("conn-none", media("MZnone"));
        bridge.fromTwilio(exchange); // no exception: a refused call's frames may still come, 50 a second
        assertThat(exchange.getMessage().getHeader(TwilioConstants.EVENT)).isEqualTo("invalid");
        assertThat(bridge.getCounters().invalidMessages() - invalid).isEqualTo(1);
        assertThat(bridge.getCounters().framesIn() - framesIn).isZero();
    }

    @Test
    void anotherWebSocketCannotSendMediaMarksOrStopToACall() {
        int active = bridge.getActiveCalls();
        long invalid = bridge.getCounters().invalidMessages();
        long framesIn = bridge.getCounters().framesIn();
        bridge.fromTwilio(twilioMessage("conn-victim", start("MZvictim")));
        assertThat(bridge.getActiveCalls()).isEqualTo(active + 1);

        bridge.fromTwilio(twilioMessage("conn-intruder", media("MZvictim")));
        bridge.fromTwilio(twilioMessage("conn-intruder", "{\"event\":\"mark\",\"streamSid\":\"MZvictim\","
                + "\"mark\":{\"name\":\"m1\"}}"));
        bridge.fromTwilio(twilioMessage("conn-intruder", stop("MZvictim")));
        assertThat(bridge.getCounters().invalidMessages() - invalid).isEqualTo(3);
        assertThat(bridge.getCounters().framesIn() - framesIn).isZero();
        assertThat(bridge.getActiveCalls()).as("the intruder's stop did not hang up").isEqualTo(active + 1);

        Exchange own = twilioMessage("conn-victim", stop("MZvictim"));
        bridge.fromTwilio(own);
        assertThat(own.getMessage().getHeader(TwilioConstants.EVENT)).isEqualTo("stop");
        assertThat(bridge.getActiveCalls()).isEqualTo(active);
    }

    @Test
    void aRefusedStartClosesItsWebSocketWith1008() throws Exception {
        int active = bridge.getActiveCalls();
        long refused = bridge.getCounters().callsRefused();
        try (TwilioCallSimulator first = TwilioCallSimulator.connect(phones, mediaUri, "MZdup", clock);
                TwilioCallSimulator second = TwilioCallSimulator.connect(phones, mediaUri, "MZdup", clock)) {
            first.start("CAdup1", Map.of());
            await().atMost(WAIT).until(() -> bridge.getActiveCalls() == active + 1);
            second.start("CAdup2", Map.of());
            assertThat(second.closed().get(WAIT.toSeconds(), TimeUnit.SECONDS)).isEqualTo(1008);
            assertThat(bridge.getCounters().callsRefused() - refused).isEqualTo(1);
            assertThat(bridge.getActiveCalls()).as("the first call goes on").isEqualTo(active + 1);
            first.stop().get(WAIT.toSeconds(), TimeUnit.SECONDS);
            await().atMost(WAIT).until(() -> bridge.getActiveCalls() == active);
        }
    }

    @Test
    void aSecondStartOnOneWebSocketIsRefusedAndItsCloseEndsTheFirstCall() {
        int active = bridge.getActiveCalls();
        long refused = bridge.getCounters().callsRefused();
        bridge.fromTwilio(twilioMessage("conn-x", start("MZfirst")));
        Exchange second = twilioMessage("conn-x", start("MZsecond"));
        bridge.fromTwilio(second);
        assertThat(second.getMessage().getHeader(TwilioConstants.EVENT)).isEqualTo("refused");
        assertThat(bridge.getCounters().callsRefused() - refused).isEqualTo(1);
        assertThat(bridge.getActiveCalls()).isEqualTo(active + 1);

        Exchange closed = twilioMessage("conn-x", null);
        closed.getMessage().setHeader("CamelGeminiLiveWebsocketEvent", "close");
        bridge.fromTwilio(closed);
        assertThat(closed.getMessage().getHeader(TwilioConstants.EVENT)).isEqualTo("hangup");
        assertThat(bridge.getActiveCalls()).isEqualTo(active);
    }

    @Test
    void optionsOutOfBoundsAreRefusedNamingTheOptionWithTheSipEndpointsBounds() {
        TwilioBridge unstarted = new TwilioBridge();
        // the same playout as SIP's, the same bounds: a lead of 2 s was let through before
        assertThatThrownBy(() -> unstarted.setPlaybackLead(Duration.ofSeconds(2)))
                .hasMessage("playbackLead must be 0 to 1 s, got 2 s");
        assertThatThrownBy(() -> unstarted.setPlaybackLead(Duration.ofMillis(-20)))
                .hasMessageStartingWith("playbackLead must be 0 to 1 s");
        assertThatThrownBy(() -> unstarted.setMaxBufferedAudio(null))
                .hasMessage("maxBufferedAudio must be 20 ms to 10 min, got none");
        assertThatThrownBy(() -> unstarted.setMaxCalls(0)).hasMessageStartingWith("maxCalls must be 1 to");
        unstarted.setPlaybackLead(Duration.ofSeconds(1));
        assertThat(unstarted.getPlaybackLead()).isEqualTo(Duration.ofSeconds(1));
    }

    @Test
    void aMissingOptionFailsTheContextsStartNotTheFirstCall() throws Exception {
        try (CamelContext broken = new DefaultCamelContext()) {
            TwilioBridge unconfigured = new TwilioBridge();
            unconfigured.setCamelContext(broken); // as Camel's and Spring's bean post-processors do
            broken.addRoutes(new RouteBuilder() {
                @Override
                public void configure() {
                    from("direct:media").process(unconfigured::fromTwilio); // no bean step to start it
                }
            });
            assertThatThrownBy(broken::start).hasStackTraceContaining("TwilioBridge needs the output option");
        }
    }

    private static String start(String streamSid) {
        return "{\"event\":\"start\",\"streamSid\":\"" + streamSid + "\",\"start\":{\"callSid\":\"CA1\","
                + "\"mediaFormat\":{\"encoding\":\"audio/x-mulaw\",\"sampleRate\":8000,\"channels\":1}}}";
    }

    private static String media(String streamSid) {
        return media(streamSid, "////");
    }

    private static String media(String streamSid, String payload) {
        return "{\"event\":\"media\",\"streamSid\":\"" + streamSid + "\",\"media\":{\"chunk\":\"1\","
                + "\"timestamp\":\"20\",\"payload\":\"" + payload + "\"}}";
    }

    private static String stop(String streamSid) {
        return "{\"event\":\"stop\",\"streamSid\":\"" + streamSid + "\",\"stop\":{\"callSid\":\"CA1\"}}";
    }

    private static Exchange twilioMessage(String connection, String body) {
        Exchange exchange = new DefaultExchange(context);
        exchange.getMessage().setHeader("CamelGeminiLiveWebsocketConnectionKey", connection);
        exchange.getMessage().setBody(body);
        return exchange;
    }

    private static long openConnections() {
        return emulator.admin().sessions().stream().mapToInt(SessionInfo::openConnections).sum();
    }
}
