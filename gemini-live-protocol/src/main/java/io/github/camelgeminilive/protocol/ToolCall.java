package io.github.camelgeminilive.protocol;

import java.util.List;

/** The model asks the client to run these functions. */
public record ToolCall(List<FunctionCall> functionCalls) {
    public ToolCall {
        functionCalls = Immutable.list(functionCalls);
    }

}
