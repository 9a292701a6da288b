package io.github.camelgeminilive.protocol;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Hand-written wire variants (snake_case names as Google's Java SDK sends them, int64/int32 as JSON strings) parse to
 * the same record as their canonical fixture, and are written back in the canonical form.
 */
class WireVariantsTest {

    private final LiveJson json = LiveJson.get();

    static Stream<Arguments> serverVariants() {
        return Stream.of(
                Arguments.of("session-resumption-update-index-string", "session-resumption-update"),
                Arguments.of("session-resumption-update-snake", "session-resumption-update"),
                Arguments.of("usage-metadata-strings", "usage-metadata"),
                Arguments.of("multi-part-3-1-snake", "multi-part-3-1"),
                Arguments.of("tool-call-snake", "tool-call"));
    }

    static Stream<Arguments> clientVariants() {
        return Stream.of(
                Arguments.of("setup-full-snake", "setup-full"),
                Arguments.of("realtime-audio-snake", "realtime-audio"));
    }

    @ParameterizedTest
    @MethodSource("serverVariants")
    void serverVariantParsesAndWritesAsItsCanonicalFixture(String variant, String canonical) {
        ServerMessage parsed = json.readServer(Fixtures.text("variants/" + variant + ".json"));

        assertThat(parsed).isEqualTo(Fixtures.server(canonical));
        assertThat(Fixtures.tree(json.write(parsed)))
                .isEqualTo(Fixtures.tree(Fixtures.text("server/" + canonical + ".json")));
    }

    @ParameterizedTest
    @MethodSource("clientVariants")
    void clientVariantParsesAndWritesAsItsCanonicalFixture(String variant, String canonical) {
        ClientMessage parsed = json.readClient(Fixtures.text("variants/" + variant + ".json"));

        assertThat(parsed).isEqualTo(Fixtures.client(canonical));
        assertThat(Fixtures.tree(json.write(parsed)))
                .isEqualTo(Fixtures.tree(Fixtures.text("client/" + canonical + ".json")));
    }

    @Test
    void int64IndexBeyondIntRangeAsString() {
        ServerMessage m = json.readServer(
                "{\"sessionResumptionUpdate\":{\"lastConsumedClientMessageIndex\":\"9007199254740993\"}}");

        assertThat(m.sessionResumptionUpdate().lastConsumedClientMessageIndex()).isEqualTo(9_007_199_254_740_993L);
    }

    @Test
    void int64AndInt32SetupFieldsAsStrings() {
        Setup s = json
                .readClient(
                        """
                                {"setup":{"model":"models/m",
                                  "generationConfig":{"maxOutputTokens":"256","topK":"5","thinkingConfig":{"thinkingBudget":"0"}},
                                  "realtimeInputConfig":{"automaticActivityDetection":{"silenceDurationMs":"500","prefixPaddingMs":"0"}},
                                  "contextWindowCompression":{"triggerTokens":"4000000000","slidingWindow":{"targetTokens":"3000000000"}}}}
                                """)
                .setup();

        assertThat(s.generationConfig().maxOutputTokens()).isEqualTo(256);
        assertThat(s.generationConfig().topK()).isEqualTo(5);
        assertThat(s.generationConfig().thinkingConfig().thinkingBudget()).isZero();
        assertThat(s.realtimeInputConfig().automaticActivityDetection().silenceDurationMs()).isEqualTo(500);
        assertThat(s.contextWindowCompression().triggerTokens()).isEqualTo(4_000_000_000L);
        assertThat(s.contextWindowCompression().slidingWindow().targetTokens()).isEqualTo(3_000_000_000L);
    }

    @Test
    void camelAndSnakeNamesMayBeMixedInOneMessage() {
        ClientMessage m = json.readClient(
                "{\"realtime_input\":{\"audio\":{\"mimeType\":\"audio/pcm;rate=8000\",\"data\":\"AQID\"}}}");

        assertThat(m).isEqualTo(ClientMessage.of(RealtimeInput.ofAudio(new Blob("audio/pcm;rate=8000",
                new byte[] {1, 2, 3}))));
    }
}
