package io.github.camelgeminilive.protocol;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.function.Function;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;

/** Anything that is not a well-formed message fails with a {@link ProtocolException} that says what and where. */
class MalformedJsonTest {

    private static final LiveJson JSON = LiveJson.get();

    static Stream<Arguments> badServerMessages() {
        return Stream.of(
                Arguments.of("", "Malformed server message at line 1", "end-of-input"),
                Arguments.of("   ", "Malformed server message at line 1", "end-of-input"),
                Arguments.of("{\"serverContent\": {", "Malformed server message at serverContent", "end-of-input"),
                Arguments.of("{\"setupComplete\": {}} {\"goAway\": {}}", "Malformed server message at line 1",
                        "Trailing token"),
                Arguments.of("{\"setupComplete\": {}}x", "Malformed server message at line 1", "'x'"),
                Arguments.of("null", "Malformed server message", "JSON null"),
                Arguments.of("[]", "Malformed server message at line 1", "Array value"),
                Arguments.of("\"setupComplete\"", "Malformed server message", "String value"),
                Arguments.of("{'setupComplete': {}}", "Malformed server message at line 1", "double-quote"),
                Arguments.of("{\"serverContent\": {\"turnComplete\": \"yes\"}}",
                        "Malformed server message at serverContent.turnComplete:", "\"yes\""),
                Arguments.of("{\"goAway\": {\"timeLeft\": \"5 minutes\"}}",
                        "Malformed server message at goAway.timeLeft:",
                        "Not a protobuf Duration: '5 minutes'"),
                Arguments.of("{\"goAway\": {\"timeLeft\": {\"seconds\": 5}}}",
                        "Malformed server message at goAway.timeLeft:", "Duration"),
                Arguments.of("{\"sessionResumptionUpdate\": {\"lastConsumedClientMessageIndex\": \"seven\"}}",
                        "Malformed server message at sessionResumptionUpdate.lastConsumedClientMessageIndex:",
                        "\"seven\""),
                Arguments.of("{\"usageMetadata\": {\"promptTokenCount\": \"12x\"}}",
                        "Malformed server message at usageMetadata.promptTokenCount:", "\"12x\""),
                Arguments.of(
                        "{\"serverContent\": {\"modelTurn\": {\"parts\": [{\"inlineData\": {\"data\": \"@@\"}}]}}}",
                        "Malformed server message at serverContent.modelTurn.parts[0].inlineData.data:", "not base64"),
                Arguments.of("{\"toolCall\": {\"functionCalls\": {\"id\": \"x\"}}}",
                        "Malformed server message at toolCall.functionCalls:", "Object value"),
                Arguments.of("{\"toolCall\": {\"functionCalls\": [{\"args\": [1]}]}}",
                        "Malformed server message at toolCall.functionCalls[0].args:", "Array value"));
    }

    @ParameterizedTest
    @MethodSource("badServerMessages")
    void badServerJsonFromAStringSaysWhatAndWhere(String json, String prefix, String detail) {
        assertThatThrownBy(() -> JSON.readServer(json))
                .isInstanceOf(ProtocolException.class)
                .hasMessageStartingWith(prefix)
                .hasMessageContaining(detail)
                .hasMessageNotContaining("io.github.")
                .hasMessageNotContaining("java.util.")
                .hasMessageNotContaining("Source: REDACTED");
    }

    @ParameterizedTest
    @MethodSource("badServerMessages")
    void badServerJsonFailsAlikeFromBytesAndBuffers(String json, String prefix, String detail) {
        byte[] bytes = json.getBytes(StandardCharsets.UTF_8);
        for (Function<byte[], ServerMessage> reader : readers()) {
            assertThatThrownBy(() -> reader.apply(bytes))
                    .isInstanceOf(ProtocolException.class)
                    .hasMessageStartingWith(prefix)
                    .hasMessageContaining(detail);
        }
    }

    private static List<Function<byte[], ServerMessage>> readers() {
        return List.of(
                JSON::readServer,
                b -> JSON.readServer(ByteBuffer.wrap(b)),
                b -> JSON.readServer(ByteBuffer.allocateDirect(b.length).put(b).flip()));
    }

    /** Well-formed JSON with a bad field value. */
    static Stream<Arguments> badClientFields() {
        return Stream.of(
                Arguments.of("{\"realtimeInput\": {\"audioStreamEnd\": \"maybe\"}}",
                        "Malformed client message at realtimeInput.audioStreamEnd:", "\"maybe\""),
                Arguments.of("{\"clientContent\": {\"turns\": \"hello\"}}",
                        "Malformed client message at clientContent.turns:", "String value"),
                Arguments.of("{\"setup\": {\"generationConfig\": {\"temperature\": \"hot\"}}}",
                        "Malformed client message at setup.generationConfig.temperature:", "\"hot\""),
                Arguments.of("{\"realtimeInput\": {\"mediaChunks\": [{\"data\": \"A\"}]}}",
                        "Malformed client message at realtimeInput.mediaChunks[0].data:", "not base64"));
    }

    static Stream<Arguments> badClientMessages() {
        return Stream.concat(Stream.of(
                Arguments.of("{\"setup\": ", "Malformed client message at", "end-of-input"),
                Arguments.of("null", "Malformed client message", "JSON null"),
                Arguments.of("{\"setup\": {\"model\": \"m\"}}}", "Malformed client message at line 1", "'}'")),
                badClientFields());
    }

    @ParameterizedTest
    @MethodSource("badClientMessages")
    void badClientJsonSaysWhatAndWhere(String json, String prefix, String detail) {
        assertThatThrownBy(() -> JSON.readClient(json))
                .isInstanceOf(ProtocolException.class)
                .hasMessageStartingWith(prefix)
                .hasMessageContaining(detail);
        assertThatThrownBy(() -> JSON.readClient(json.getBytes(StandardCharsets.UTF_8)))
                .isInstanceOf(ProtocolException.class)
                .hasMessageStartingWith(prefix);
    }

    @ParameterizedTest
    @MethodSource("badClientFields")
    void badClientTreeSaysWhereToo(String json, String prefix, String detail) throws Exception {
        JsonNode tree = Fixtures.TREES.readTree(json);

        assertThatThrownBy(() -> JSON.readClient(tree))
                .isInstanceOf(ProtocolException.class)
                .hasMessageStartingWith(prefix)
                .hasMessageContaining(detail);
    }

    @Test
    void treeReaderRejectsNullAndReadsSnakeCase() throws Exception {
        assertThatThrownBy(() -> JSON.readClient(Fixtures.TREES.readTree("null")))
                .isInstanceOf(ProtocolException.class)
                .hasMessageContaining("JSON null");
        assertThat(JSON.readClient(Fixtures.TREES.readTree(
                Fixtures.text("variants/setup-full-snake.json")))).isEqualTo(Fixtures.client("setup-full"));
    }

    @Test
    void badNestedTypeNamesTheType() {
        assertThatThrownBy(() -> JSON.read(new ByteArrayInputStream("{\"timeLeft\": true".getBytes()), GoAway.class))
                .isInstanceOf(ProtocolException.class)
                .hasMessageStartingWith("Malformed GoAway");
    }

    @Test
    void theCauseIsKept() {
        assertThatThrownBy(() -> JSON.readServer("{"))
                .isInstanceOf(ProtocolException.class)
                .hasCauseInstanceOf(JsonProcessingException.class);
    }
}
