package io.github.camelgeminilive.protocol;

/** Result of running {@link ExecutableCode}. */
public record CodeExecutionResult(String outcome, String output) {
}
