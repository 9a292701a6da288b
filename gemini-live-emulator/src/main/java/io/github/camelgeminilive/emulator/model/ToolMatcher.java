package io.github.camelgeminilive.emulator.model;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;
import java.util.regex.Pattern;

import io.github.camelgeminilive.protocol.FunctionCall;
import io.github.camelgeminilive.protocol.FunctionDeclaration;
import io.github.camelgeminilive.protocol.Tool;

/**
 * Decides whether a user text calls one of the declared functions: it does when it contains the function's name,
 * or one of the name's words of four or more letters as a whole word ({@code get_weather} and
 * {@code getWeather} both match "weather"). The first declared function that matches wins. The call's arguments
 * are placeholders for the schema's {@code required} parameters, typed by their schema {@code type}.
 */
final class ToolMatcher {

    private record Candidate(FunctionDeclaration declaration, List<Pattern> words) {
    }

    private final List<Candidate> candidates = new ArrayList<>();
    private final Supplier<String> ids;

    /** @param ids issues a unique id per call */
    ToolMatcher(List<Tool> tools, Supplier<String> ids) {
        this.ids = ids;
        if (tools != null) {
            for (Tool tool : tools) {
                if (tool.functionDeclarations() != null) {
                    for (FunctionDeclaration f : tool.functionDeclarations()) {
                        if (f.name() != null && !f.name().isBlank()) {
                            candidates.add(new Candidate(f, wordPatterns(f.name())));
                        }
                    }
                }
            }
        }
    }

    /** A call of the first declared function that {@code text} asks for. */
    Optional<FunctionCall> match(String text) {
        String lower = text.toLowerCase(Locale.ROOT);
        for (Candidate c : candidates) {
            if (lower.contains(c.declaration().name().toLowerCase(Locale.ROOT))
                    || c.words().stream().anyMatch(w -> w.matcher(text).find())) {
                FunctionDeclaration f = c.declaration();
                return Optional.of(new FunctionCall(ids.get(), f.name(), placeholderArgs(f)));
            }
        }
        return Optional.empty();
    }

    private static List<Pattern> wordPatterns(String name) {
        List<Pattern> words = new ArrayList<>();
        for (String w : name.split("[^A-Za-z]+|(?<=[a-z])(?=[A-Z])")) {
            if (w.length() >= 4) {
                words.add(Pattern.compile("\\b" + Pattern.quote(w) + "\\b", Pattern.CASE_INSENSITIVE));
            }
        }
        return words;
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> placeholderArgs(FunctionDeclaration f) {
        Map<String, Object> schema = f.parameters() != null ? f.parameters() : f.parametersJsonSchema();
        Map<String, Object> args = new LinkedHashMap<>();
        if (schema == null || !(schema.get("required") instanceof List<?> required)) {
            return args;
        }
        Map<String, Object> properties = schema.get("properties") instanceof Map<?, ?> p ? (Map<String, Object>) p
                : Map.of();
        for (Object name : required) {
            Object property = properties.get(String.valueOf(name));
            args.put(String.valueOf(name), placeholder(property instanceof Map<?, ?> m ? (Map<String, Object>) m
                    : Map.of()));
        }
        return args;
    }

    private static Object placeholder(Map<String, Object> property) {
        if (property.get("enum") instanceof List<?> values && !values.isEmpty()) {
            return values.get(0);
        }
        String type = String.valueOf(property.getOrDefault("type", "STRING")).toUpperCase(Locale.ROOT);
        return switch (type) {
            case "INTEGER" -> 1;
            case "NUMBER" -> 1.5;
            case "BOOLEAN" -> true;
            case "ARRAY" -> List.of();
            case "OBJECT" -> Map.of();
            default -> "example";
        };
    }
}
