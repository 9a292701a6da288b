package io.github.camelgeminilive.protocol;

/** Code the model generated for the code-execution tool. */
public record ExecutableCode(String language, String code) {
}
