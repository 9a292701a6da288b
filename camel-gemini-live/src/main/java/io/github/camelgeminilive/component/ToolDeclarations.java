package io.github.camelgeminilive.component;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

import org.apache.camel.CamelContext;
import org.apache.camel.support.ResourceHelper;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;

import io.github.camelgeminilive.component.GeminiLiveTools.Scheduling;
import io.github.camelgeminilive.protocol.FunctionDeclaration;
import io.github.camelgeminilive.protocol.LiveJson;
import io.github.camelgeminilive.protocol.Tool;

/**
 * The functions of an endpoint, resolved once when it is created: the tools of its setup and, per function, the
 * endpoint whose route answers its calls and the default scheduling of its responses. The {@code tools} option is a
 * bean ({@link GeminiLiveTools}, a List of Tool or FunctionDeclaration, one Tool), a JSON array of function
 * declarations, or the location of a JSON or YAML file of them ({@code file:}, {@code classpath:}, {@code http:});
 * {@code toolEndpoint.<name>}, {@code defaultToolEndpoint} and {@code toolScheduling.<name>} bind them. Every
 * mistake fails the endpoint: an unreadable file, a function declared twice or without a name, an unknown
 * behavior, a binding for a function nobody declared, scheduling for a function that is not NON_BLOCKING.
 */
final class ToolDeclarations {

    static final String NON_BLOCKING = "NON_BLOCKING";
    private static final Set<String> BEHAVIORS = Set.of("BLOCKING", NON_BLOCKING);
    private static final TypeReference<List<FunctionDeclaration>> DECLARATIONS = new TypeReference<>() {
    };
    private static final TypeReference<Map<String, Object>> OBJECT = new TypeReference<>() {
    };
    private static final ObjectMapper YAML = new YAMLMapper();

    private final List<Tool> tools;
    private final Map<String, FunctionDeclaration> functions = new LinkedHashMap<>();
    private final Map<String, String> endpoints = new LinkedHashMap<>();
    private final Map<String, Scheduling> scheduling = new LinkedHashMap<>();
    private final String defaultEndpoint;

    private ToolDeclarations(List<Tool> tools, List<GeminiLiveTools.Binding> bound, GeminiLiveConfiguration c) {
        this.tools = tools;
        for (Tool tool : tools) {
            for (FunctionDeclaration f : tool.functionDeclarations() == null ? List.<FunctionDeclaration>of()
                    : tool.functionDeclarations()) {
                declare(f);
            }
        }
        for (GeminiLiveTools.Binding b : bound) {
            if (b.endpointUri() != null) {
                endpoints.put(b.declaration().name(), b.endpointUri());
            }
            if (b.scheduling() != null) {
                scheduling.put(b.declaration().name(), b.scheduling());
            }
        }
        optionMap(c.getToolEndpoint()).forEach((name, uri) -> endpoints.put(name,
                required(uri, "toolEndpoint." + name)));
        optionMap(c.getToolScheduling()).forEach((name, value) -> scheduling.put(name,
                scheduling(value, "The gemini-live option toolScheduling." + name)));
        this.defaultEndpoint = c.getDefaultToolEndpoint() == null ? null
                : required(c.getDefaultToolEndpoint(), "defaultToolEndpoint");
        endpoints.keySet().forEach(name -> requireDeclared(name, "toolEndpoint."));
        for (String name : scheduling.keySet()) {
            requireDeclared(name, "toolScheduling.");
            if (!isNonBlocking(name)) {
                throw new IllegalArgumentException("The gemini-live option toolScheduling." + name + " applies to "
                        + NON_BLOCKING + " functions only; declare '" + name + "' with behavior " + NON_BLOCKING);
            }
        }
    }

    /** The endpoint's functions from its {@code tools}, {@code toolEndpoint.*}, {@code toolScheduling.*} options. */
    static ToolDeclarations resolve(CamelContext context, GeminiLiveConfiguration c) {
        Object option = c.getTools();
        if (option instanceof GeminiLiveTools dsl) {
            return new ToolDeclarations(LiveSettingsMapper.tools(dsl), dsl.bindings(), c);
        }
        if (option instanceof String location && ResourceHelper.hasScheme(location)) {
            return new ToolDeclarations(List.of(Tool.ofFunctions(load(context, location))), List.of(), c);
        }
        return new ToolDeclarations(LiveSettingsMapper.tools(option), List.of(), c);
    }

    /** The tools of the session's setup. */
    List<Tool> tools() {
        return tools;
    }

    /** The URI of the endpoint that answers calls of {@code function}, or null: a consumer route answers by hand. */
    String endpointFor(String function) {
        String uri = function == null ? null : endpoints.get(function);
        return uri != null ? uri : defaultEndpoint;
    }

    /** Every endpoint URI calls may go to. */
    Set<String> endpointUris() {
        Set<String> uris = new HashSet<>(endpoints.values());
        if (defaultEndpoint != null) {
            uris.add(defaultEndpoint);
        }
        return uris;
    }

    boolean isNonBlocking(String function) {
        FunctionDeclaration f = function == null ? null : functions.get(function);
        return f != null && NON_BLOCKING.equals(f.behavior());
    }

    /** The default scheduling of the responses of {@code function}, or null (the service's default). */
    Scheduling scheduling(String function) {
        return function == null ? null : scheduling.get(function);
    }

    /** {@code value} as a scheduling; {@code what} names it in the error. */
    static Scheduling scheduling(Object value, String what) {
        try {
            return Scheduling.valueOf(String.valueOf(value).trim().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(what + " is '" + value + "'; use one of "
                    + Arrays.toString(Scheduling.values()), e);
        }
    }

    /** A list of function declarations in {@code mapper}'s syntax; {@code source} starts the error message. */
    static List<FunctionDeclaration> parse(ObjectMapper mapper, String text, String source) {
        try {
            JsonNode tree = mapper.readTree(text);
            List<FunctionDeclaration> list = tree == null || tree.isMissingNode() ? null
                    : LiveJson.get().mapper().readerFor(DECLARATIONS).readValue(tree);
            if (list == null) {
                throw new IllegalArgumentException(source + " is empty");
            }
            return list;
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException(source + ": " + e.getOriginalMessage(), e);
        } catch (IOException e) {
            throw new IllegalArgumentException(source + ": " + e.getMessage(), e);
        }
    }

    /** A JSON object given as text (a parameters schema); {@code what} names it in the error. */
    static Map<String, Object> jsonObject(String json, String what) {
        try {
            return LiveJson.get().mapper().readValue(json, OBJECT);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("The " + what + " is not a JSON object: " + e.getOriginalMessage(), e);
        }
    }

    private static List<FunctionDeclaration> load(CamelContext context, String location) {
        String text;
        try (InputStream in = ResourceHelper.resolveMandatoryResourceAsInputStream(context, location)) {
            text = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new IllegalArgumentException("Cannot read the gemini-live tools file " + location + ": "
                    + e.getMessage(), e);
        }
        String lower = location.toLowerCase(Locale.ROOT);
        boolean yaml = lower.endsWith(".yaml") || lower.endsWith(".yml");
        return parse(yaml ? YAML : LiveJson.get().mapper(), text, "The gemini-live tools file " + location
                + " is not a " + (yaml ? "YAML" : "JSON") + " list of function declarations");
    }

    private void declare(FunctionDeclaration f) {
        if (f == null || f.name() == null || f.name().isBlank()) {
            throw new IllegalArgumentException("Every function declaration of the gemini-live option tools needs a"
                    + " name");
        }
        if (functions.put(f.name(), f) != null) {
            throw new IllegalArgumentException("Function '" + f.name() + "' is declared twice in the gemini-live"
                    + " option tools");
        }
        if (f.behavior() != null && !BEHAVIORS.contains(f.behavior())) {
            throw new IllegalArgumentException("Function '" + f.name() + "' has behavior '" + f.behavior()
                    + "'; use BLOCKING or " + NON_BLOCKING);
        }
    }

    private void requireDeclared(String name, String option) {
        if (!functions.containsKey(name)) {
            throw new IllegalArgumentException("The gemini-live option " + option + name + " names no declared"
                    + " function; the tools option declares " + new ArrayList<>(functions.keySet()));
        }
    }

    private static String required(Object value, String option) {
        String s = value == null ? "" : String.valueOf(value).trim();
        if (s.isEmpty()) {
            throw new IllegalArgumentException("The gemini-live option " + option + " is empty");
        }
        return s;
    }

    private static Map<String, Object> optionMap(Map<String, Object> option) {
        return option == null ? Map.of() : option;
    }
}
