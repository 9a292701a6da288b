package io.github.camelgeminilive.protocol;

/**
 * One part of a {@link Content}: exactly one of the payload fields is set. {@code thought: true} marks the model's
 * thinking; {@code thoughtSignature} is an opaque base64 token the service may attach, kept verbatim.
 */
public record Part(
        String text,
        Blob inlineData,
        FunctionCall functionCall,
        FunctionResponse functionResponse,
        ExecutableCode executableCode,
        CodeExecutionResult codeExecutionResult,
        Boolean thought,
        String thoughtSignature) {

    /** Without {@code thoughtSignature}. */
    public Part(String text, Blob inlineData, FunctionCall functionCall, FunctionResponse functionResponse,
            ExecutableCode executableCode, CodeExecutionResult codeExecutionResult, Boolean thought) {
        this(text, inlineData, functionCall, functionResponse, executableCode, codeExecutionResult, thought, null);
    }

    public static Part ofText(String text) {
        return new Part(text, null, null, null, null, null, null, null);
    }

    public static Part ofInlineData(String mimeType, byte[] data) {
        return new Part(null, new Blob(mimeType, data), null, null, null, null, null, null);
    }

    public boolean isThought() {
        return Boolean.TRUE.equals(thought);
    }
}
