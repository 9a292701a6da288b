package io.github.camelgeminilive.protocol;

import java.util.List;
import java.util.Map;

/** A tool the model may use: function declarations, Google Search or code execution. */
public record Tool(List<FunctionDeclaration> functionDeclarations, Map<String, Object> googleSearch,
        Map<String, Object> codeExecution) {
    public Tool {
        functionDeclarations = Immutable.list(functionDeclarations);
        googleSearch = Immutable.map(googleSearch);
        codeExecution = Immutable.map(codeExecution);
    }

    public static Tool ofFunctions(List<FunctionDeclaration> declarations) {
        return new Tool(declarations, null, null);
    }

    public static Tool ofGoogleSearch() {
        return new Tool(null, Map.of(), null);
    }

    public static Tool ofCodeExecution() {
        return new Tool(null, null, Map.of());
    }
}
