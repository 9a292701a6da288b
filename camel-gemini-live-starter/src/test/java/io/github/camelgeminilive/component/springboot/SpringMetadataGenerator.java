package io.github.camelgeminilive.component.springboot;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Comparator;
import java.util.Iterator;
import java.util.Map;
import java.util.Spliterators;
import java.util.stream.StreamSupport;

import org.apache.camel.util.StringHelper;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.github.camelgeminilive.component.GeminiLiveComponent;

/**
 * The starter's Spring configuration metadata (IDE completion of {@code camel.component.gemini-live.*}), made from
 * the component's generated {@code gemini-live.json}: every component option with its dashed name, type,
 * description and default, enum values as hints, secrets said so in the description.
 */
final class SpringMetadataGenerator {

    static final String COMPONENT_JSON = "/META-INF/io/github/camelgeminilive/component/gemini-live.json";

    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
    private static final String SOURCE_TYPE = GeminiLiveComponent.class.getName();
    private static final Map<String, String> BOXED = Map.of("int", "java.lang.Integer", "long", "java.lang.Long",
            "boolean", "java.lang.Boolean", "double", "java.lang.Double");

    private SpringMetadataGenerator() {
    }

    /** The metadata file's text for the component JSON on the classpath. */
    static String generate() {
        try (InputStream in = SpringMetadataGenerator.class.getResourceAsStream(COMPONENT_JSON)) {
            if (in == null) {
                throw new IllegalStateException(COMPONENT_JSON + " is not on the classpath");
            }
            return generate(JSON.readTree(in));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static String generate(JsonNode component) throws IOException {
        ObjectNode metadata = JSON.createObjectNode();
        metadata.putArray("groups").addObject().put("name", GeminiLiveComponentProperties.PREFIX)
                .put("type", SOURCE_TYPE).put("sourceType", SOURCE_TYPE)
                .put("description", component.path("component").path("description").asText());
        ArrayNode properties = metadata.putArray("properties");
        ArrayNode hints = metadata.putArray("hints");
        properties.addObject().put("name", name(GeminiLiveComponentProperties.ENABLED))
                .put("type", "java.lang.Boolean").put("sourceType", SOURCE_TYPE)
                .put("description", "Whether the starter applies the camel.component.gemini-live.* options to the"
                        + " gemini-live component.")
                .put("defaultValue", true);
        for (Map.Entry<String, JsonNode> option : sorted(component.path("componentProperties"))) {
            JsonNode spec = option.getValue();
            ObjectNode property = properties.addObject().put("name", name(option.getKey()))
                    .put("type", type(spec)).put("sourceType", SOURCE_TYPE)
                    .put("description", description(spec));
            defaultValue(property, spec);
            if (spec.has("enum")) {
                ArrayNode values = hints.addObject().put("name", name(option.getKey())).putArray("values");
                spec.get("enum").forEach(v -> values.addObject().put("value", v.asText()));
            }
        }
        return JSON.writeValueAsString(metadata) + "\n";
    }

    private static Iterable<Map.Entry<String, JsonNode>> sorted(JsonNode options) {
        Iterator<Map.Entry<String, JsonNode>> fields = options.fields();
        return StreamSupport.stream(Spliterators.spliteratorUnknownSize(fields, 0), false)
                .sorted(Comparator.comparing(e -> StringHelper.camelCaseToDash(e.getKey())))::iterator;
    }

    private static String name(String option) {
        return GeminiLiveComponentProperties.PREFIX + "." + StringHelper.camelCaseToDash(option);
    }

    /** The Java type a property value converts to; enums as strings (their values are hints). */
    private static String type(JsonNode spec) {
        String javaType = spec.path("javaType").asText().replace(" ", "");
        return switch (spec.path("type").asText()) {
            case "string", "enum" -> "java.lang.String";
            case "duration" -> "java.time.Duration";
            case "object" -> spec.has("prefix") ? "java.util.Map<java.lang.String,java.lang.String>" : javaType;
            default -> BOXED.getOrDefault(javaType, javaType);
        };
    }

    private static String description(JsonNode spec) {
        String description = spec.path("description").asText();
        return spec.path("secret").asBoolean()
                ? description + " A secret: set it from the environment (a ${...} placeholder), not in a file."
                : description;
    }

    private static void defaultValue(ObjectNode property, JsonNode spec) {
        JsonNode value = spec.get("defaultValue");
        if (value == null) {
            return;
        }
        switch (spec.path("type").asText()) {
            case "boolean" -> property.put("defaultValue", value.asBoolean());
            case "integer" -> property.put("defaultValue", value.asLong());
            case "number" -> property.put("defaultValue", value.asDouble());
            default -> property.put("defaultValue", value.asText());
        }
    }
}
