package io.github.camelgeminilive.component;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import javax.imageio.ImageIO;

import org.apache.camel.Exchange;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.component.mock.MockEndpoint;
import org.junit.jupiter.api.Test;

import io.github.camelgeminilive.emulator.SessionInfo;
import io.github.camelgeminilive.protocol.Content;

/** Every producer body type and operation against the emulator; evidence from its counters and the model's reply. */
class GeminiLiveProducerTest extends GeminiLiveTestSupport {

    @Override
    protected RouteBuilder createRouteBuilder() {
        return new RouteBuilder() {
            @Override
            public void configure() {
                from(uri("talk")).to("mock:events");
                from("direct:talk").to(uri("talk"));
                from(uri("manual", "automaticActivityDetection=false")).to("mock:manual");
                from("direct:manual").to(uri("manual", "automaticActivityDetection=false"));
            }
        };
    }

    private MockEndpoint events() {
        return getMockEndpoint("mock:events");
    }

    /** Waits for the emulator's counters of the "talk" session to satisfy {@code check}. */
    private SessionInfo awaitSession(java.util.function.Predicate<SessionInfo> check) {
        SessionInfo first = sessionOf(events());
        await().atMost(Duration.ofSeconds(10))
                .until(() -> check.test(emulator.admin().session(first.sessionId()).orElseThrow()));
        return emulator.admin().session(first.sessionId()).orElseThrow();
    }

    @Test
    void stringBodyIsATextTurn() {
        template.sendBody("direct:talk", "Hello there");

        awaitEvent(events(), GeminiLiveEventType.TURN_COMPLETE);
        assertThat(transcript(events())).isEqualTo("You said: Hello there");
        assertThat(awaitSession(s -> s.clientMessages() == 1).clientMessages()).isEqualTo(1);
    }

    @Test
    void byteArrayBodyIsRealtimeAudioAt16kHzByDefault() {
        template.sendBody("direct:talk", TestAudio.silence(500));

        assertThat(awaitSession(s -> s.audioSamples() == 8000).clientMessages()).isEqualTo(1);
    }

    @Test
    void byteBufferBodyIsRealtimeAudio() {
        template.sendBody("direct:talk", ByteBuffer.wrap(TestAudio.silence(250)));

        assertThat(awaitSession(s -> s.audioSamples() == 4000).clientMessages()).isEqualTo(1);
    }

    @Test
    void inputStreamBodyIsSentAsAudioFramesInOrder() {
        template.sendBody("direct:talk", new ByteArrayInputStream(TestAudio.silence(1250)));

        // 40 000 bytes in frames of at most 32 000
        assertThat(awaitSession(s -> s.audioSamples() == 20_000).clientMessages()).isEqualTo(2);
    }

    @Test
    void mimeTypeHeaderDeclaresAnotherPcmRate() {
        template.sendBodyAndHeader("direct:talk", new byte[4800], GeminiLiveConstants.MIME_TYPE,
                "audio/pcm;rate=24000");

        assertThat(awaitSession(s -> s.audioSamples() == 2400).clientMessages()).isEqualTo(1);
    }

    @Test
    void pcmMimeTypeWithOtherParametersIsAudioAsTheClientTakesIt() {
        template.sendBodyAndHeader("direct:talk", new byte[4800], GeminiLiveConstants.MIME_TYPE,
                "audio/pcm;rate=16000;channels=1");

        assertThat(awaitSession(s -> s.audioSamples() == 2400).clientMessages()).isEqualTo(1);
    }

    @Test
    void imageBodiesAreVideoFrames() throws IOException {
        template.sendBodyAndHeader("direct:talk", image("jpg"), GeminiLiveConstants.MIME_TYPE, "image/jpeg");
        template.sendBodyAndHeader("direct:talk", image("png"), GeminiLiveConstants.MIME_TYPE, "image/png");

        SessionInfo info = awaitSession(s -> s.videoFrames() == 2);
        assertThat(info.audioSamples()).isZero();
    }

    @Test
    void listOfContentIsAClientContentTurn() {
        template.sendBody("direct:talk", List.of(Content.userText("From a list")));

        awaitEvent(events(), GeminiLiveEventType.TURN_COMPLETE);
        assertThat(transcript(events())).isEqualTo("You said: From a list");
    }

    @Test
    void operationHeaderSendsRealtimeText() {
        template.sendBodyAndHeader("direct:talk", "Streamed words", GeminiLiveConstants.OPERATION, "sendRealtimeText");

        awaitEvent(events(), GeminiLiveEventType.TURN_COMPLETE);
        assertThat(transcript(events())).isEqualTo("You said: Streamed words");
    }

    @Test
    void speechFollowedBySilenceIsAUserTurn() {
        template.sendBody("direct:talk", TestAudio.concat(TestAudio.tone(600), TestAudio.silence(1000)));

        Exchange heard = awaitEvent(events(), GeminiLiveEventType.INPUT_TRANSCRIPTION);
        assertThat(heard.getMessage().getHeader(GeminiLiveConstants.INPUT_TRANSCRIPT, String.class))
                .startsWith("[speech 0.6");
        awaitEvent(events(), GeminiLiveEventType.TURN_COMPLETE);
        assertThat(transcript(events())).startsWith("You said: [speech 0.6");
    }

    @Test
    void audioStreamEndEndsTheSpeech() {
        template.sendBody("direct:talk", TestAudio.tone(400));
        template.sendBodyAndHeader("direct:talk", null, GeminiLiveConstants.OPERATION, "audioStreamEnd");

        awaitEvent(events(), GeminiLiveEventType.TURN_COMPLETE);
        assertThat(transcript(events())).startsWith("You said: [speech 0.4");
    }

    @Test
    void activitySignalsFrameTheTurnWithoutAutomaticDetection() {
        MockEndpoint manual = getMockEndpoint("mock:manual");
        template.sendBodyAndHeader("direct:manual", null, GeminiLiveConstants.OPERATION, "activityStart");
        template.sendBody("direct:manual", TestAudio.tone(300));
        template.sendBodyAndHeader("direct:manual", null, GeminiLiveConstants.OPERATION, "activityEnd");

        awaitEvent(manual, GeminiLiveEventType.TURN_COMPLETE);
        assertThat(transcript(manual)).startsWith("You said: [speech");
    }

    @Test
    void inOutReturnsTheAggregatedReply() {
        Exchange reply = template.request("direct:talk", e -> e.getMessage().setBody("How are you"));

        assertThat(reply.getException()).isNull();
        assertThat(reply.getMessage().getBody(byte[].class)).isNotEmpty();
        assertThat(reply.getMessage().getHeader(GeminiLiveConstants.MIME_TYPE)).isEqualTo("audio/pcm;rate=24000");
        assertThat(reply.getMessage().getHeader(GeminiLiveConstants.OUTPUT_TRANSCRIPT))
                .isEqualTo("You said: How are you");
        assertThat(reply.getMessage().getHeader(GeminiLiveConstants.PROMPT_TOKEN_COUNT, Integer.class)).isPositive();
        assertThat(reply.getMessage().getHeader(GeminiLiveConstants.RESPONSE_TOKEN_COUNT, Integer.class)).isPositive();
        assertThat(reply.getMessage().getHeader(GeminiLiveConstants.TOTAL_TOKEN_COUNT, Integer.class)).isPositive();
        assertThat(reply.getMessage().getHeader(GeminiLiveConstants.INTERRUPTED, Boolean.class)).isFalse();
        // ~70 ms of 24 kHz 16-bit audio per transcript character
        assertThat(reply.getMessage().getBody(byte[].class).length)
                .isGreaterThan("You said: How are you".length() * 24_000 * 2 * 50 / 1000);
    }

    @Test
    void inOutRepliesFollowTheTurnsInOrder() {
        Object first = template.requestBody("direct:talk", "one");
        Exchange second = template.request("direct:talk", e -> e.getMessage().setBody("two"));

        assertThat(first).isInstanceOf(byte[].class);
        assertThat(second.getMessage().getHeader(GeminiLiveConstants.OUTPUT_TRANSCRIPT)).isEqualTo("You said: two");
    }

    /**
     * Since issue 12 the consumer of an endpoint receives the events of every session of the endpoint (before, it saw
     * its own key's only): the keyed session's events reach it under their own key.
     */
    @Test
    void sessionKeyHeaderPicksAnotherSessionOfTheEndpointWhoseEventsTheConsumerSeesUnderThatKey() {
        GeminiLiveEndpoint endpoint = context.getEndpoint(uri("talk"), GeminiLiveEndpoint.class);
        int before = endpoint.getSessionsOpen();
        Exchange reply = template.request("direct:talk", e -> {
            e.getMessage().setBody("Separate call");
            e.getMessage().setHeader(GeminiLiveConstants.SESSION_KEY, "call-42");
        });

        assertThat(reply.getMessage().getHeader(GeminiLiveConstants.OUTPUT_TRANSCRIPT))
                .isEqualTo("You said: Separate call");
        awaitEvent(events(), GeminiLiveEventType.TURN_COMPLETE);
        List<Exchange> said = eventsOf(events(), GeminiLiveEventType.OUTPUT_TRANSCRIPTION);
        assertThat(said).isNotEmpty().allSatisfy(e -> assertThat(e.getMessage()
                .getHeader(GeminiLiveConstants.SESSION_KEY)).isEqualTo("call-42"));
        assertThat(transcript(events())).isEqualTo("You said: Separate call");
        assertThat(endpoint.getSessionsOpen()).isEqualTo(before + 1);

        template.sendBodyAndHeaders("direct:talk", null, Map.of(GeminiLiveConstants.SESSION_KEY, "call-42",
                GeminiLiveConstants.OPERATION, "close"));
        assertThat(endpoint.getSessionsOpen()).isEqualTo(before);
    }

    private static byte[] image(String format) throws IOException {
        BufferedImage img = new BufferedImage(16, 16, BufferedImage.TYPE_INT_RGB);
        img.setRGB(3, 3, 0xFF8800);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ImageIO.write(img, format, out);
        return out.toByteArray();
    }
}
