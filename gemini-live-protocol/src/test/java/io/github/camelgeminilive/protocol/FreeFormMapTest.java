package io.github.camelgeminilive.protocol;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

/**
 * Function arguments, responses and parameter schemas are data: their keys stay verbatim in both directions (the
 * snake_case aliasing of record fields must not reach inside them) and null values survive.
 */
class FreeFormMapTest {

    private final LiveJson json = LiveJson.get();

    @Test
    void functionCallArgumentsKeepSnakeAndCamelKeysOnRead() {
        ServerMessage m = json.readServer("""
                {"tool_call":{"function_calls":[{"id":"c1","name":"book","args":
                  {"start_time":"10:00","partySize":2,"mime_type":"x","nested":{"inner_key":[{"deep_key":null}]}}}]}}
                """);

        Map<String, Object> args = m.toolCall().functionCalls().get(0).args();
        assertThat(args).containsOnlyKeys("start_time", "partySize", "mime_type", "nested");
        assertThat(args.get("nested")).isEqualTo(Map.of("inner_key", List.of(singleton("deep_key", null))));
    }

    @Test
    void functionResponseKeepsKeysAndNullsOnWrite() {
        Map<String, Object> response = new LinkedHashMap<>();
        response.put("temperature_c", 21);
        response.put("feelsLike", 19.5);
        response.put("warning", null);
        response.put("hourly_values", List.of(1, 2));

        String written = json.write(ClientMessage.of(new ToolResponse(List.of(
                new FunctionResponse("c1", "get_weather", response)))));

        assertThat(written).contains(
                "\"response\":{\"temperature_c\":21,\"feelsLike\":19.5,\"warning\":null,\"hourly_values\":[1,2]}");
        assertThat(json.readClient(written).toolResponse().functionResponses().get(0).response()).isEqualTo(response);
    }

    @Test
    void parameterSchemaKeysAreNotRenamed() {
        Map<String, Object> schema = Map.of("type", "OBJECT",
                "properties", Map.of("city_name", Map.of("type", "STRING")),
                "required", List.of("city_name"));
        Setup setup = Setup.builder("models/m")
                .tools(List.of(Tool.ofFunctions(List.of(new FunctionDeclaration("get_weather", "d", schema)))))
                .build();

        String written = json.write(ClientMessage.of(setup));

        assertThat(written).contains("\"city_name\":{\"type\":\"STRING\"}").contains("\"functionDeclarations\"");
        assertThat(json.readClient(written).setup()).isEqualTo(setup);
    }

    @Test
    void emptyToolConfigsAreWrittenAsEmptyObjects() {
        String written = json.write(ClientMessage.of(Setup.builder("models/m")
                .tools(List.of(Tool.ofGoogleSearch(), Tool.ofCodeExecution()))
                .inputAudioTranscription(true)
                .build()));

        assertThat(written).isEqualTo("{\"setup\":{\"model\":\"models/m\",\"tools\":[{\"googleSearch\":{}},"
                + "{\"codeExecution\":{}}],\"inputAudioTranscription\":{}}}");
    }

    private static Map<String, Object> singleton(String key, Object value) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put(key, value);
        return m;
    }
}
