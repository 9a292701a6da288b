package io.github.camelgeminilive.component;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

import org.apache.camel.CamelContext;
import org.apache.camel.Exchange;
import org.apache.camel.ExchangePattern;
import org.apache.camel.ResolveEndpointFailedException;
import org.apache.camel.builder.RouteBuilder;
import org.junit.jupiter.api.Test;

import io.github.camelgeminilive.session.LiveEvent;
import io.github.camelgeminilive.session.LiveSessionException;

/**
 * InOut replies: the body in each {@code replyFormat}, and waits on different keys that hold no thread, on a
 * component with a single reply thread and a single event thread.
 */
class GeminiLiveInOutTest extends GeminiLiveTestSupport {

    @Override
    protected CamelContext createCamelContext() throws Exception {
        CamelContext context = super.createCamelContext();
        GeminiLiveComponent component = new GeminiLiveComponent();
        component.setReplyThreadPoolSize(1);
        component.setEventThreadPoolSize(1);
        context.addComponent("gemini-live", component);
        return context;
    }

    @Override
    protected RouteBuilder createRouteBuilder() {
        return new RouteBuilder() {
            @Override
            public void configure() {
                from("direct:ask").to(uri("ask"));
            }
        };
    }

    private Exchange ask(String format, String question) {
        return template.request(uri("formats", "replyFormat=" + format), e -> e.getMessage().setBody(question));
    }

    @Test
    void pcmIsTheDefaultReplyBody() {
        Exchange reply = template.request("direct:ask", e -> e.getMessage().setBody("Raw please"));

        assertThat(reply.getMessage().getBody()).isInstanceOf(byte[].class);
        assertThat(reply.getMessage().getHeader(GeminiLiveConstants.MIME_TYPE)).isEqualTo("audio/pcm;rate=24000");
    }

    @Test
    void wavRepliesAreAWavFileAtTheAudiosRate() {
        Exchange pcm = ask("pcm", "Same words");
        Exchange wav = ask("wav", "Same words");

        byte[] audio = pcm.getMessage().getBody(byte[].class);
        byte[] file = wav.getMessage().getBody(byte[].class);
        assertThat(wav.getMessage().getHeader(GeminiLiveConstants.MIME_TYPE)).isEqualTo("audio/wav");
        assertThat(new String(file, 0, 4, StandardCharsets.US_ASCII)).isEqualTo("RIFF");
        assertThat(new String(file, 8, 4, StandardCharsets.US_ASCII)).isEqualTo("WAVE");
        ByteBuffer header = ByteBuffer.wrap(file).order(ByteOrder.LITTLE_ENDIAN);
        assertThat(header.getInt(24)).as("sample rate").isEqualTo(24_000);
        assertThat(header.getInt(40)).as("data bytes").isEqualTo(file.length - 44);
        // the emulator speaks the same words with the same audio
        assertThat(file.length - 44).isEqualTo(audio.length);
        assertThat(wav.getMessage().getHeader(GeminiLiveConstants.OUTPUT_TRANSCRIPT)).isEqualTo("You said: Same words");
    }

    @Test
    void transcriptRepliesAreTheTranscriptText() {
        Exchange reply = ask("transcript", "Just the words");

        assertThat(reply.getMessage().getBody()).isEqualTo("You said: Just the words");
        assertThat(reply.getMessage().getHeader(GeminiLiveConstants.MIME_TYPE)).isNull();
    }

    @Test
    void eventRepliesAreTheEventsOfTheTurnInOrder() {
        Exchange reply = ask("events", "Every event");

        List<?> body = reply.getMessage().getBody(List.class);
        assertThat(body).isNotEmpty().allMatch(LiveEvent.class::isInstance);
        List<LiveEvent> events = body.stream().map(LiveEvent.class::cast).toList();
        assertThat(events).filteredOn(LiveEvent.Audio.class::isInstance).isNotEmpty();
        assertThat(events.stream().filter(LiveEvent.OutputTranscription.class::isInstance)
                .map(e -> ((LiveEvent.OutputTranscription) e).transcription().text()).collect(Collectors.joining()))
                .isEqualTo("You said: Every event");
        int turnComplete = events.indexOf(events.stream().filter(LiveEvent.TurnComplete.class::isInstance)
                .findFirst().orElseThrow());
        assertThat(events.subList(turnComplete + 1, events.size())).allMatch(LiveEvent.Usage.class::isInstance);
        assertThat(reply.getMessage().getHeader(GeminiLiveConstants.OUTPUT_TRANSCRIPT))
                .isEqualTo("You said: Every event");
    }

    @Test
    void anUnknownReplyFormatFailsTheEndpoint() {
        assertThatThrownBy(() -> context.getEndpoint(uri("formats", "replyFormat=mp3")))
                .isInstanceOf(ResolveEndpointFailedException.class).hasMessageContaining("replyFormat")
                .hasMessageContaining("mp3");
    }

    /**
     * Five exchanges wait for replies that never come (silence is no user turn) on five keys; another key's question
     * is answered meanwhile, although the component has one reply thread and one event thread: no wait holds one.
     * The close operation then ends each waiting call, and its exchange fails with the reason.
     */
    @Test
    void inOutWaitsOnDifferentKeysNeverHoldUpEachOther() throws Exception {
        List<CompletableFuture<Exchange>> waiting = IntStream.range(0, 5)
                .mapToObj(i -> template.asyncSend("direct:ask", e -> {
                    e.setPattern(ExchangePattern.InOut);
                    e.getMessage().setBody(TestAudio.silence(100));
                    e.getMessage().setHeader(GeminiLiveConstants.SESSION_KEY, "silent-" + i);
                })).toList();

        // each waits once its silence reached its own session (the waiter is registered before the send)
        await().atMost(Duration.ofSeconds(20)).until(() -> emulator.admin().sessions().stream()
                .filter(s -> s.audioSamples() == 1600 && s.openConnections() == 1).count() == 5);

        Exchange answered = template.request("direct:ask", e -> {
            e.getMessage().setBody("Still there?");
            e.getMessage().setHeader(GeminiLiveConstants.SESSION_KEY, "talker");
        });

        assertThat(answered.getException()).isNull();
        assertThat(answered.getMessage().getHeader(GeminiLiveConstants.OUTPUT_TRANSCRIPT))
                .isEqualTo("You said: Still there?");
        assertThat(waiting).noneMatch(CompletableFuture::isDone);
        for (int i = 0; i < 5; i++) {
            template.sendBodyAndHeaders("direct:ask", null, Map.of(GeminiLiveConstants.SESSION_KEY, "silent-" + i,
                    GeminiLiveConstants.OPERATION, "close"));
        }
        for (CompletableFuture<Exchange> w : waiting) {
            assertThat(w.get(20, TimeUnit.SECONDS).getException())
                    .isInstanceOf(LiveSessionException.class)
                    .hasMessageContaining("closed by the route (close operation)");
        }
    }
}
