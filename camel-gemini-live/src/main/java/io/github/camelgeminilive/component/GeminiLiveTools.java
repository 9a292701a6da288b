package io.github.camelgeminilive.component;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.github.camelgeminilive.protocol.FunctionDeclaration;

/**
 * Functions the model may call, each bound to the endpoint whose route answers it: the route DSL's form of the
 * {@code tools} option. Bind it as a bean and name it in the URI ({@code tools=#agentTools}):
 *
 * <pre>
 * bindToRegistry("agentTools", GeminiLiveTools.create()
 *         .function("get_weather").description("The current weather in a city")
 *                 .parameters("{\"type\":\"OBJECT\",\"properties\":{\"city\":{\"type\":\"STRING\"}}}")
 *                 .to("direct:weather")
 *         .function("notify_staff").nonBlocking(GeminiLiveTools.Scheduling.WHEN_IDLE).to("direct:notify")
 *         .function("transfer_call").end()); // declared only: a consumer route answers it by hand
 * </pre>
 *
 * The endpoint options {@code toolEndpoint.<name>} and {@code toolScheduling.<name>} override what is bound here.
 */
public final class GeminiLiveTools {

    /** When the model takes in the response of a {@code NON_BLOCKING} function. */
    public enum Scheduling {
        /** Interrupt what the model is saying and tell the result at once. */
        INTERRUPT,
        /** Tell the result once the model has finished what it is saying. */
        WHEN_IDLE,
        /** Take the result in without saying anything. */
        SILENT
    }

    /** One declared function and how it is answered (a null endpoint: by hand). */
    record Binding(FunctionDeclaration declaration, String endpointUri, Scheduling scheduling) {
    }

    private final Map<String, Binding> bindings = new LinkedHashMap<>();

    private GeminiLiveTools() {
    }

    public static GeminiLiveTools create() {
        return new GeminiLiveTools();
    }

    /** Starts the declaration of function {@code name}; finish it with {@link Function#to} or {@link Function#end}. */
    public Function function(String name) {
        if (name == null || name.isBlank()) {
            throw new IllegalArgumentException("A function needs a name");
        }
        if (bindings.containsKey(name)) {
            throw new IllegalArgumentException("Function '" + name + "' is declared twice");
        }
        return new Function(name);
    }

    /** The functions in declaration order. */
    List<Binding> bindings() {
        return List.copyOf(bindings.values());
    }

    /** The declaration of one function, under way. */
    public final class Function {
        private final String name;
        private String description;
        private Map<String, Object> parameters;
        private Map<String, Object> parametersJsonSchema;
        private boolean nonBlocking;
        private Scheduling scheduling;

        private Function(String name) {
            this.name = name;
        }

        public Function description(String description) {
            this.description = description;
            return this;
        }

        /** The parameters as an OpenAPI schema subset ({@code type: OBJECT}, {@code properties}, {@code required}). */
        public Function parameters(Map<String, Object> schema) {
            this.parameters = schema;
            return this;
        }

        /** The parameters as the JSON text of an OpenAPI schema subset. */
        public Function parameters(String schemaJson) {
            return parameters(ToolDeclarations.jsonObject(schemaJson, "parameters of function '" + name + "'"));
        }

        /** The parameters as a JSON Schema (instead of {@link #parameters}). */
        public Function parametersJsonSchema(Map<String, Object> schema) {
            this.parametersJsonSchema = schema;
            return this;
        }

        /** The parameters as the JSON text of a JSON Schema (instead of {@link #parameters}). */
        public Function parametersJsonSchema(String schemaJson) {
            return parametersJsonSchema(
                    ToolDeclarations.jsonObject(schemaJson, "parametersJsonSchema of function '" + name + "'"));
        }

        /**
         * Declares the function {@code NON_BLOCKING}: the model goes on talking while it runs. Its responses carry
         * {@code scheduling} (null: the service's default), unless the tool route sets
         * {@code CamelGeminiLiveToolScheduling}.
         */
        public Function nonBlocking(Scheduling scheduling) {
            this.nonBlocking = true;
            this.scheduling = scheduling;
            return this;
        }

        /** Binds the function to the endpoint whose route answers its calls. */
        public GeminiLiveTools to(String endpointUri) {
            if (endpointUri == null || endpointUri.isBlank()) {
                throw new IllegalArgumentException("Function '" + name + "' needs an endpoint URI");
            }
            return add(endpointUri);
        }

        /** Declares the function without an endpoint: a consumer route answers its calls by hand. */
        public GeminiLiveTools end() {
            return add(null);
        }

        private GeminiLiveTools add(String endpointUri) {
            FunctionDeclaration declaration = new FunctionDeclaration(name, description, parameters,
                    parametersJsonSchema, nonBlocking ? ToolDeclarations.NON_BLOCKING : null);
            bindings.put(name, new Binding(declaration, endpointUri, scheduling));
            return GeminiLiveTools.this;
        }
    }

    @Override
    public String toString() {
        return "GeminiLiveTools" + bindings.keySet();
    }
}
