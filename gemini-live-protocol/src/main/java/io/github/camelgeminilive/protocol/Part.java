package io.github.camelgeminilive.protocol;

/** One part of a {@link Content}: exactly one of the payload fields is set. */
public record Part(
        String text,
        Blob inlineData,
        FunctionCall functionCall,
        FunctionResponse functionResponse,
        ExecutableCode executableCode,
        CodeExecutionResult codeExecutionResult,
        Boolean thought) {

    public static Part ofText(String text) {
        return new Part(text, null, null, null, null, null, null);
    }

    public static Part ofInlineData(String mimeType, byte[] data) {
        return new Part(null, new Blob(mimeType, data), null, null, null, null, null);
    }

    public boolean isThought() {
        return Boolean.TRUE.equals(thought);
    }
}
