package io.github.camelgeminilive.component;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import java.io.ByteArrayOutputStream;
import java.time.Duration;
import java.util.Arrays;

import org.apache.camel.CamelContext;
import org.apache.camel.CamelExecutionException;
import org.apache.camel.Exchange;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.component.mock.MockEndpoint;
import org.apache.camel.support.PluginHelper;
import org.apache.camel.support.ResourceHelper;
import org.junit.jupiter.api.Test;

import io.github.camelgeminilive.audio.AudioConverter;
import io.github.camelgeminilive.audio.AudioFormat;
import io.github.camelgeminilive.audio.Wav;

/**
 * The audio data types in a YAML route (routes/phone-audio.yaml): a phone call's mu-law 8 kHz, sent in 20 ms frames,
 * reaches the emulator as PCM 16 kHz, and the model's 24 kHz reply comes back as mu-law 8 kHz.
 */
class GeminiLiveAudioConversionTest extends GeminiLiveTestSupport {

    @Override
    protected CamelContext createCamelContext() throws Exception {
        CamelContext context = super.createCamelContext();
        context.getPropertiesComponent().addInitialProperty("gemini.baseUrl", emulator.baseUrl().toString());
        return context;
    }

    @Override
    protected RouteBuilder createRouteBuilder() {
        return new RouteBuilder() {
            @Override
            public void configure() throws Exception {
                PluginHelper.getRoutesLoader(getContext()).loadRoutes(
                        ResourceHelper.resolveMandatoryResource(getContext(), "classpath:routes/phone-audio.yaml"));
                from("direct:toPcm24k").transformDataType("gemini-live:audio-pcm-24k");
            }
        };
    }

    @Test
    void aMuLawCallReachesTheModelAsSixteenKilohertzPcmAndItsReplyComesBackAsMuLaw() throws Exception {
        // 500 ms of a 440 Hz tone then 1 s of silence, as a phone sends it: mu-law 8 kHz in 20 ms frames
        byte[] pcm8k = TestAudio.concat(tone8k(500), new byte[16_000]);
        byte[] mulaw = new AudioConverter(AudioFormat.PCM_8K, AudioFormat.MULAW_8K).convert(pcm8k);
        for (int i = 0; i < mulaw.length; i += 160) {
            template.sendBodyAndHeader("direct:phone", Arrays.copyOfRange(mulaw, i, i + 160), "callId", "call-1");
        }

        // the frames were converted as one stream: the same bytes as the whole call in one piece
        MockEndpoint toModel = getMockEndpoint("mock:toModel");
        ByteArrayOutputStream sent = new ByteArrayOutputStream();
        for (Exchange e : toModel.getReceivedExchanges()) {
            assertThat(e.getMessage().getHeader(GeminiLiveConstants.MIME_TYPE)).isEqualTo("audio/pcm;rate=16000");
            sent.writeBytes(e.getMessage().getBody(byte[].class));
        }
        assertThat(sent.toByteArray()).hasSize(2 * mulaw.length * 2)
                .isEqualTo(new AudioConverter(AudioFormat.MULAW_8K, AudioFormat.PCM_16K).convert(mulaw));

        // the emulator heard 0.5 s of speech: 16 kHz samples labelled 16 kHz (8 kHz ones would last half as long)
        MockEndpoint heard = getMockEndpoint("mock:heard");
        await().atMost(Duration.ofSeconds(20)).until(() -> !heard.getReceivedExchanges().isEmpty());
        assertThat(heard.getReceivedExchanges().get(0).getMessage().getBody(String.class)).startsWith("[speech 0.5");

        MockEndpoint toCaller = getMockEndpoint("mock:toCaller");
        await().atMost(Duration.ofSeconds(20)).until(() -> !toCaller.getReceivedExchanges().isEmpty());
        Exchange reply = toCaller.getReceivedExchanges().get(0);
        assertThat(reply.getMessage().getHeader(GeminiLiveConstants.MIME_TYPE)).isEqualTo("audio/x-mulaw;rate=8000");
        assertThat(reply.getMessage().getHeader(GeminiLiveConstants.SESSION_KEY)).isEqualTo("call-1");
        assertThat(reply.getMessage().getBody(byte[].class)).isNotEmpty();
    }

    @Test
    void withoutASourceFormatTheErrorSaysHowToGiveOne() {
        assertThatThrownBy(() -> template.sendBody("direct:toPcm24k", new byte[160]))
                .isInstanceOf(CamelExecutionException.class).rootCause()
                .hasMessageContaining("give the transform a fromType")
                .hasMessageContaining("gemini-live:audio-mulaw-8k");
        byte[] converted = template.requestBodyAndHeader("direct:toPcm24k", new byte[160],
                GeminiLiveConstants.MIME_TYPE, "audio/x-alaw", byte[].class);
        assertThat(converted).hasSize(160 * 3 * 2);
        // a WAV body says what it holds, whatever the header claims: 160 mu-law samples at 8 kHz
        byte[] wav = Wav.toBytes(new byte[160], AudioFormat.MULAW_8K);
        byte[] fromWav = template.requestBodyAndHeader("direct:toPcm24k", wav, GeminiLiveConstants.MIME_TYPE,
                "audio/pcm;rate=16000", byte[].class);
        assertThat(fromWav).hasSize(160 * 3 * 2);
    }

    private static byte[] tone8k(int millis) {
        byte[] pcm = new byte[millis * 16];
        for (int i = 0; i < pcm.length / 2; i++) {
            short s = (short) (8_000 * Math.sin(2 * Math.PI * 440 * i / 8_000.0));
            pcm[2 * i] = (byte) s;
            pcm[2 * i + 1] = (byte) (s >> 8);
        }
        return pcm;
    }
}
