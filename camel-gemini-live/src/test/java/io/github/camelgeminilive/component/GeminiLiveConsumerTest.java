package io.github.camelgeminilive.component;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import org.apache.camel.Exchange;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.component.mock.MockEndpoint;
import org.junit.jupiter.api.Test;

import io.github.camelgeminilive.protocol.FunctionCall;
import io.github.camelgeminilive.protocol.UsageMetadata;

/** Every consumer event type the emulator can provoke, one exchange per event with its type header. */
class GeminiLiveConsumerTest extends GeminiLiveTestSupport {

    private static final String TOOLS = "tools=#weatherTools";
    /** A half-cascade model: TEXT responses are allowed. */
    private static final String TEXT_MODEL = "model=models/gemini-live-2.5-flash-preview&responseModalities=TEXT";

    @Override
    protected void bindToRegistry(org.apache.camel.spi.Registry registry) {
        registry.bind("weatherTools", weatherTools());
    }

    @Override
    protected RouteBuilder createRouteBuilder() {
        return new RouteBuilder() {
            @Override
            public void configure() {
                from(uri("events")).to("mock:events");
                from("direct:events").to(uri("events"));

                // answers every tool call with a Map body; id and name headers come from the toolCall event
                from(uri("tools", TOOLS)).to("mock:tools")
                        .filter(header(GeminiLiveConstants.EVENT_TYPE).isEqualTo("toolCall"))
                        .setHeader(GeminiLiveConstants.OPERATION, constant("sendToolResponse"))
                        .setBody(exchange -> Map.of("temperature", "21C"))
                        .to(uri("tools", TOOLS));
                from("direct:tools").to(uri("tools", TOOLS));

                from(uri("text", TEXT_MODEL)).to("mock:text");
                from("direct:text").to(uri("text", TEXT_MODEL));

                from(uri("vad", "explicitVadSignal=true")).to("mock:vad");
                from("direct:vad").to(uri("vad", "explicitVadSignal=true"));

                // never answers: the call stays pending until the user barges in
                from(uri("pending", TOOLS)).to("mock:pending");
                from("direct:pending").to(uri("pending", TOOLS));
            }
        };
    }

    @Test
    void aTextTurnGivesSetupAudioTranscriptionGenerationTurnUsageAndResumptionEvents() {
        MockEndpoint mock = getMockEndpoint("mock:events");
        template.sendBody("direct:events", "Hi");

        Exchange setup = awaitEvent(mock, GeminiLiveEventType.SETUP_COMPLETE);
        assertThat(setup.getMessage().getHeader(GeminiLiveConstants.SESSION_ID, String.class)).isNotBlank();
        assertThat(setup.getMessage().getHeader(GeminiLiveConstants.SESSION_KEY)).isEqualTo("events");

        awaitEvent(mock, GeminiLiveEventType.TURN_COMPLETE);
        Exchange audio = awaitEvent(mock, GeminiLiveEventType.AUDIO);
        assertThat(audio.getMessage().getBody()).isInstanceOf(byte[].class);
        assertThat(audio.getMessage().getBody(byte[].class)).isNotEmpty();
        assertThat(audio.getMessage().getHeader(GeminiLiveConstants.MIME_TYPE)).isEqualTo("audio/pcm;rate=24000");
        assertThat(transcript(mock)).isEqualTo("You said: Hi");
        assertThat(awaitEvent(mock, GeminiLiveEventType.GENERATION_COMPLETE)).isNotNull();

        Exchange usage = awaitEvent(mock, GeminiLiveEventType.USAGE);
        assertThat(usage.getMessage().getBody()).isInstanceOf(UsageMetadata.class);
        assertThat(usage.getMessage().getHeader(GeminiLiveConstants.TOTAL_TOKEN_COUNT, Integer.class)).isPositive();

        Exchange resumption = awaitEvent(mock, GeminiLiveEventType.RESUMPTION_UPDATE);
        assertThat(resumption.getMessage().getHeader(GeminiLiveConstants.RESUMABLE)).isNotNull();

        // wire order: audio before generationComplete before turnComplete
        List<String> order = mock.getReceivedExchanges().stream()
                .map(e -> e.getMessage().getHeader(GeminiLiveConstants.EVENT_TYPE, String.class)).toList();
        assertThat(order.indexOf("setupComplete")).isZero();
        assertThat(order.lastIndexOf("audio")).isLessThan(order.indexOf("generationComplete"));
        assertThat(order.indexOf("generationComplete")).isLessThan(order.indexOf("turnComplete"));
    }

    @Test
    void speechGivesAnInputTranscription() {
        MockEndpoint mock = getMockEndpoint("mock:events");
        template.sendBody("direct:events", TestAudio.concat(TestAudio.tone(500), TestAudio.silence(1000)));

        Exchange heard = awaitEvent(mock, GeminiLiveEventType.INPUT_TRANSCRIPTION);
        assertThat(heard.getMessage().getBody(String.class)).startsWith("[speech 0.5");
    }

    @Test
    void textSessionsGiveTextEventsAndATextInOutReply() {
        Exchange reply = template.request("direct:text", e -> e.getMessage().setBody("Write it down"));

        assertThat(reply.getException()).isNull();
        assertThat(reply.getMessage().getBody()).isEqualTo("You said: Write it down");
        MockEndpoint mock = getMockEndpoint("mock:text");
        awaitEvent(mock, GeminiLiveEventType.TURN_COMPLETE);
        assertThat(eventsOf(mock, GeminiLiveEventType.TEXT).stream().map(e -> e.getMessage().getBody(String.class))
                .collect(Collectors.joining())).isEqualTo("You said: Write it down");
        assertThat(eventsOf(mock, GeminiLiveEventType.AUDIO)).isEmpty();
    }

    @Test
    void explicitVadSignalsAreVoiceActivityEvents() {
        MockEndpoint mock = getMockEndpoint("mock:vad");
        template.sendBody("direct:vad", TestAudio.concat(TestAudio.tone(300), TestAudio.silence(1000)));

        awaitEvent(mock, GeminiLiveEventType.TURN_COMPLETE);
        assertThat(eventsOf(mock, GeminiLiveEventType.VOICE_ACTIVITY)).extracting(e -> e.getMessage().getBody())
                .containsExactly("VAD_SIGNAL_TYPE_SOS", "VAD_SIGNAL_TYPE_EOS");
    }

    @Test
    void toolCallRoundTrip() {
        MockEndpoint mock = getMockEndpoint("mock:tools");
        template.sendBody("direct:tools", "What is the weather in Paris?");

        Exchange call = awaitEvent(mock, GeminiLiveEventType.TOOL_CALL);
        assertThat(call.getMessage().getHeader(GeminiLiveConstants.FUNCTION_NAME)).isEqualTo("get_weather");
        assertThat(call.getMessage().getHeader(GeminiLiveConstants.TOOL_CALL_ID, String.class)).isNotBlank();
        assertThat(call.getMessage().getHeader(GeminiLiveConstants.FUNCTION_ARGS, Map.class)).containsKey("city");
        List<?> calls = call.getMessage().getBody(List.class);
        assertThat(calls).singleElement().isInstanceOf(FunctionCall.class);

        awaitEvent(mock, GeminiLiveEventType.TURN_COMPLETE);
        assertThat(transcript(mock)).contains("get_weather").contains("21C");
    }

    @Test
    void bargeInDuringAPendingToolCallCancelsIt() {
        MockEndpoint mock = getMockEndpoint("mock:pending");
        template.sendBody("direct:pending", "Tell me the weather");
        Exchange call = awaitEvent(mock, GeminiLiveEventType.TOOL_CALL);

        template.sendBody("direct:pending", TestAudio.tone(200));

        awaitEvent(mock, GeminiLiveEventType.INTERRUPTED);
        Exchange cancelled = awaitEvent(mock, GeminiLiveEventType.TOOL_CALL_CANCELLATION);
        assertThat(cancelled.getMessage().getBody(List.class))
                .containsExactly(call.getMessage().getHeader(GeminiLiveConstants.TOOL_CALL_ID));
    }

    @Test
    void goAwayFromTheService() {
        MockEndpoint mock = getMockEndpoint("mock:events");
        String sessionId = sessionOf(mock).sessionId();

        emulator.admin().goAway(sessionId, Duration.ofSeconds(30));

        Exchange goAway = awaitEvent(mock, GeminiLiveEventType.GO_AWAY);
        assertThat(goAway.getMessage().getHeader(GeminiLiveConstants.GO_AWAY_TIME_LEFT))
                .isEqualTo(Duration.ofSeconds(30));
    }
}
