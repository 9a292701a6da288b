package io.github.camelgeminilive.examples.quickstart;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

import org.apache.camel.CamelContext;
import org.apache.camel.Exchange;
import org.apache.camel.ExchangePattern;
import org.apache.camel.builder.NotifyBuilder;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.impl.DefaultCamelContext;
import org.junit.jupiter.api.Test;

import io.github.camelgeminilive.component.GeminiLiveComponent;
import io.github.camelgeminilive.component.GeminiLiveConstants;
import io.github.camelgeminilive.emulator.GeminiLiveEmulator;

/** The route shown in the top-level README, run as written against the emulator. */
class ReadmeRouteTest {

    // @formatter:off (Camel route indentation, as in the README)
    /** Copied from README.md; keep the two identical. */
    public static class VoiceAssistantRoutes extends RouteBuilder {
        // one URI, one endpoint: its producers and consumers share its live session
        static final String ASSISTANT = "gemini-live:assistant"
                + "?model=models/gemini-2.5-flash-native-audio-latest&voiceName=Puck&outputTranscription=true";

        @Override
        public void configure() {
            // InOut: one text turn in, the whole spoken reply out (body: 24 kHz 16-bit mono PCM)
            from("direct:ask")
                .to(ExchangePattern.InOut, ASSISTANT)
                .log("Model said: ${header.CamelGeminiLiveOutputTranscript}"
                    + " (${header.CamelGeminiLiveTotalTokenCount} tokens)")
                .to("file:target/replies?fileName=${exchangeId}.pcm");

            // Consumer on the same session: one exchange per server event
            from(ASSISTANT)
                .filter(header("CamelGeminiLiveEventType").isEqualTo("outputTranscription"))
                    .log("Transcript chunk: ${body}");
        }
    }
    // @formatter:on

    @Test
    void readmeRouteAnswersAndSavesTheReplyWhileTheConsumerSeesTranscriptChunks() throws Exception {
        try (GeminiLiveEmulator emulator = GeminiLiveEmulator.builder().pace(0).build().start();
                CamelContext camel = new DefaultCamelContext()) {
            GeminiLiveComponent component = camel.getComponent("gemini-live", GeminiLiveComponent.class);
            component.getConfiguration().setApiKey("readme-key");
            component.getConfiguration().setBaseUrl(emulator.baseUrl().toString());
            camel.addRoutes(new VoiceAssistantRoutes());
            camel.start();
            NotifyBuilder transcriptChunks = new NotifyBuilder(camel).from("gemini-live:*")
                    .filter(e -> "outputTranscription".equals(e.getMessage().getHeader(GeminiLiveConstants.EVENT_TYPE)))
                    .whenDone(2).create();

            Exchange reply = camel.createProducerTemplate().request("direct:ask",
                    e -> e.getMessage().setBody("Hello README"));

            assertThat(reply.getException()).isNull();
            assertThat(reply.getMessage().getHeader(GeminiLiveConstants.OUTPUT_TRANSCRIPT, String.class))
                    .isEqualTo("You said: Hello README");
            assertThat(reply.getMessage().getHeader(GeminiLiveConstants.TOTAL_TOKEN_COUNT, Integer.class)).isPositive();
            Path saved = Path.of("target", "replies", reply.getExchangeId() + ".pcm");
            assertThat(saved).isRegularFile();
            assertThat(Files.size(saved)).isEqualTo(reply.getMessage().getBody(byte[].class).length).isPositive();
            assertThat(transcriptChunks.matches(10, TimeUnit.SECONDS)).as("consumer saw transcript chunks").isTrue();
        }
    }
}
