package io.github.camelgeminilive.protocol;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/** Loads the JSON fixtures under {@code fixtures/} and derives variants of them (snake_case, unknown fields). */
final class Fixtures {

    /** A plain mapper, independent of the codec under test, for comparing JSON trees. */
    static final ObjectMapper TREES = new ObjectMapper();

    /**
     * Fields whose value is free-form JSON (a map, not a record): their keys are data and must stay verbatim.
     * {@code words} entries are maps too.
     */
    private static final Set<String> FREE_FORM = Set.of("args", "response", "parameters", "parametersJsonSchema",
            "groundingMetadata", "labels", "words", "googleSearch", "codeExecution");

    private Fixtures() {
    }

    static String text(String path) {
        try (InputStream in = Fixtures.class.getResourceAsStream("/fixtures/" + path)) {
            if (in == null) {
                throw new IllegalArgumentException("No fixture " + path);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static JsonNode tree(String json) {
        try {
            return TREES.readTree(json);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static String json(JsonNode node) {
        return node.toString();
    }

    /** The fixture names (without {@code .json}) in one folder, e.g. {@code client}. */
    static Stream<String> names(String folder) {
        URL url = Fixtures.class.getResource("/fixtures/" + folder);
        try (Stream<Path> files = Files.list(Path.of(url.toURI()))) {
            List<String> names = files.map(p -> p.getFileName().toString())
                    .filter(n -> n.endsWith(".json"))
                    .map(n -> n.substring(0, n.length() - ".json".length()))
                    .sorted()
                    .toList();
            return names.stream();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    static ClientMessage client(String name) {
        return LiveJson.get().readClient(text("client/" + name + ".json"));
    }

    static ServerMessage server(String name) {
        return LiveJson.get().readServer(text("server/" + name + ".json"));
    }

    /** A copy with every record field name in snake_case, at every level; free-form maps keep their keys. */
    static JsonNode snakeCase(JsonNode node) {
        if (node instanceof ObjectNode obj) {
            ObjectNode out = TREES.createObjectNode();
            for (Iterator<Map.Entry<String, JsonNode>> it = obj.fields(); it.hasNext();) {
                Map.Entry<String, JsonNode> e = it.next();
                boolean freeForm = FREE_FORM.contains(e.getKey());
                out.set(SnakeCaseAliases.toSnake(e.getKey()), freeForm ? e.getValue() : snakeCase(e.getValue()));
            }
            return out;
        }
        if (node instanceof ArrayNode arr) {
            ArrayNode out = TREES.createArrayNode();
            arr.forEach(n -> out.add(snakeCase(n)));
            return out;
        }
        return node;
    }

    /** A copy with an unknown field (itself nested JSON) added to every record object, at every level. */
    static JsonNode withUnknownFields(JsonNode node) {
        if (node instanceof ObjectNode obj) {
            ObjectNode out = TREES.createObjectNode();
            for (Iterator<Map.Entry<String, JsonNode>> it = obj.fields(); it.hasNext();) {
                Map.Entry<String, JsonNode> e = it.next();
                boolean freeForm = FREE_FORM.contains(e.getKey());
                out.set(e.getKey(), freeForm ? e.getValue() : withUnknownFields(e.getValue()));
            }
            out.putObject("someFutureField").put("level", 1).putArray("items").add("x").addObject();
            out.put("future_flag", true);
            return out;
        }
        if (node instanceof ArrayNode arr) {
            ArrayNode out = TREES.createArrayNode();
            arr.forEach(n -> out.add(withUnknownFields(n)));
            return out;
        }
        return node;
    }
}
