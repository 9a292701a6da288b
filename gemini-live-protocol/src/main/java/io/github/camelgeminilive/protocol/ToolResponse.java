package io.github.camelgeminilive.protocol;

import java.util.List;

/** Responses to the model's function calls. */
public record ToolResponse(List<FunctionResponse> functionResponses) {
    public ToolResponse {
        functionResponses = Immutable.list(functionResponses);
    }

}
