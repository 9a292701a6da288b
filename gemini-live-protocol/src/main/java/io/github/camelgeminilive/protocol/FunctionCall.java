package io.github.camelgeminilive.protocol;

import java.util.Map;

/** A call the model asks the client to execute; {@code id} must be echoed in the response. */
public record FunctionCall(String id, String name, Map<String, Object> args) {
    public FunctionCall {
        args = Immutable.map(args);
    }

}
