package io.github.camelgeminilive.component;

import java.io.InputStream;
import java.io.Reader;
import java.util.Map;

import org.apache.camel.InvalidPayloadException;
import org.apache.camel.Message;
import org.apache.camel.StreamCache;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.github.camelgeminilive.component.GeminiLiveTools.Scheduling;
import io.github.camelgeminilive.protocol.FunctionCall;
import io.github.camelgeminilive.protocol.FunctionResponse;
import io.github.camelgeminilive.protocol.LiveJson;

/**
 * The {@code functionResponse} a tool route's result or failure becomes. The result body: a Map or an object
 * (POJO, record) is the response as Jackson writes it; a String, number, boolean or list is {@code {"result": ...}}
 * (a stream or byte[] is read as text first); null is {@code {}}. A failure is {@code {"error": message}}. A
 * {@code NON_BLOCKING} function's response carries the scheduling the route set ({@code CamelGeminiLiveToolScheduling})
 * or else its default.
 */
final class ToolResponses {

    private static final TypeReference<Map<String, Object>> OBJECT = new TypeReference<>() {
    };

    private ToolResponses() {
    }

    /**
     * The response to {@code call} from the route's {@code result}.
     *
     * @throws IllegalArgumentException when the body cannot be written as JSON, or the scheduling header is wrong
     */
    static FunctionResponse result(FunctionCall call, Message result, ToolDeclarations declarations) {
        String header = result.getHeader(GeminiLiveConstants.TOOL_SCHEDULING, String.class);
        Scheduling scheduling = header == null ? declarations.scheduling(call.name())
                : ToolDeclarations.scheduling(header, "The header " + GeminiLiveConstants.TOOL_SCHEDULING);
        if (header != null && !declarations.isNonBlocking(call.name())) {
            throw new IllegalArgumentException("The header " + GeminiLiveConstants.TOOL_SCHEDULING + " applies to "
                    + ToolDeclarations.NON_BLOCKING + " functions only, and '" + call.name() + "' is not one");
        }
        return new FunctionResponse(call.id(), call.name(), response(call, result), name(scheduling, call,
                declarations));
    }

    /** The error response to {@code call}: {@code {"error": message}}. */
    static FunctionResponse error(FunctionCall call, String message, ToolDeclarations declarations) {
        return new FunctionResponse(call.id(), call.name(), Map.of("error", message),
                name(declarations.scheduling(call.name()), call, declarations));
    }

    /** What a failure says to the model: its message, or its type when it has none. */
    static String describe(Throwable failure) {
        String message = failure.getMessage();
        return message == null || message.isBlank() ? failure.getClass().getSimpleName() : message;
    }

    private static Map<String, Object> response(FunctionCall call, Message result) {
        Object body = result.getBody();
        if (body == null) {
            return Map.of();
        }
        if (body instanceof InputStream || body instanceof Reader || body instanceof StreamCache
                || body instanceof byte[]) {
            try {
                body = result.getMandatoryBody(String.class);
            } catch (InvalidPayloadException e) {
                throw new IllegalArgumentException("The result of the tool route for '" + call.name()
                        + "' cannot be read as text: " + e.getMessage(), e);
            }
        }
        ObjectMapper mapper = LiveJson.get().mapper();
        JsonNode tree;
        try {
            tree = mapper.valueToTree(body);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("The result of the tool route for '" + call.name() + "' (a "
                    + body.getClass().getName() + ") cannot be written as JSON: " + e.getMessage(), e);
        }
        if (tree.isObject()) {
            return mapper.convertValue(tree, OBJECT);
        }
        return tree.isNull() ? Map.of() : Map.of("result", mapper.convertValue(tree, Object.class));
    }

    private static String name(Scheduling scheduling, FunctionCall call, ToolDeclarations declarations) {
        return scheduling != null && declarations.isNonBlocking(call.name()) ? scheduling.name() : null;
    }
}
