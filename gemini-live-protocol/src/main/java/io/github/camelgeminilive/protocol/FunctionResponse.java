package io.github.camelgeminilive.protocol;

import java.util.Map;

/**
 * The client's answer to a {@link FunctionCall}. {@code scheduling} ({@code INTERRUPT},
 * {@code WHEN_IDLE}, {@code SILENT}) applies to NON_BLOCKING functions only.
 */
public record FunctionResponse(String id, String name, Map<String, Object> response, String scheduling) {
    public FunctionResponse {
        response = Immutable.map(response);
    }

    public FunctionResponse(String id, String name, Map<String, Object> response) {
        this(id, name, response, null);
    }
}
