package io.github.camelgeminilive.emulator.model;

/** A scripted scenario loaded from JSON or YAML (replies per input pattern, tool calls, delays, faults). */
public interface Scenario {
}
