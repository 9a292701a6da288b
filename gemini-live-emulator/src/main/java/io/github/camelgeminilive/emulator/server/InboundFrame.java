package io.github.camelgeminilive.emulator.server;

import java.io.IOException;
import java.util.List;
import java.util.Set;

import com.fasterxml.jackson.databind.JsonNode;

import io.github.camelgeminilive.protocol.LiveJson;

/**
 * One client frame parsed to a JSON tree, known to be an object with exactly one top-level message field.
 *
 * @param field the camelCase name of that field ({@code setup}, {@code realtimeInput}, ...)
 * @param body  its value
 * @param tree  the whole message
 */
record InboundFrame(String field, JsonNode body, JsonNode tree) {

    static final String SETUP = "setup";
    static final String CLIENT_CONTENT = "clientContent";
    static final String REALTIME_INPUT = "realtimeInput";
    static final String TOOL_RESPONSE = "toolResponse";
    static final String CONTEXT_UPDATE = "contextUpdate";

    private static final Set<String> MESSAGE_FIELDS = Set.of(SETUP, CLIENT_CONTENT, REALTIME_INPUT, TOOL_RESPONSE,
            CONTEXT_UPDATE);

    /** Parses one frame; anything but a JSON object with exactly one known message field is a 1007. */
    static InboundFrame parse(byte[] json) throws ProtocolViolation {
        JsonNode tree;
        try {
            tree = LiveJson.get().mapper().readTree(json);
        } catch (IOException e) {
            throw ProtocolViolation.invalid("Invalid JSON payload received: the frame is not valid JSON");
        }
        if (tree == null || !tree.isObject()) {
            throw ProtocolViolation.invalid("Invalid JSON payload received: a message must be a JSON object");
        }
        List<String> fields = JsonFields.presentFields(tree);
        for (String f : fields) {
            if (!MESSAGE_FIELDS.contains(f)) {
                throw ProtocolViolation.invalid("Invalid JSON payload received. Unknown name \"" + f
                        + "\": Cannot find field.");
            }
        }
        if (fields.size() != 1) {
            throw ProtocolViolation.invalid("A message must carry exactly one of setup, clientContent, realtimeInput,"
                    + " toolResponse, contextUpdate; got " + (fields.isEmpty() ? "none" : String.join(", ", fields)));
        }
        String field = fields.get(0);
        JsonNode body = JsonFields.get(tree, field);
        if (!body.isObject()) {
            throw ProtocolViolation.invalid("Invalid JSON payload received: " + field + " must be an object");
        }
        return new InboundFrame(field, body, tree);
    }
}
