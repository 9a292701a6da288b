package io.github.camelgeminilive.protocol;

import java.util.Map;

/**
 * A function the model may call. {@code parameters} is an OpenAPI schema subset,
 * {@code parametersJsonSchema} a JSON Schema; {@code behavior} is {@code BLOCKING} or {@code NON_BLOCKING}.
 */
public record FunctionDeclaration(String name, String description, Map<String, Object> parameters,
        Map<String, Object> parametersJsonSchema, String behavior) {
    public FunctionDeclaration {
        parameters = Immutable.map(parameters);
        parametersJsonSchema = Immutable.map(parametersJsonSchema);
    }

    public FunctionDeclaration(String name, String description, Map<String, Object> parameters) {
        this(name, description, parameters, null, null);
    }
}
