package io.github.camelgeminilive.emulator.model;

/**
 * Emulator-wide behaviour settings.
 *
 * @param pace     speed of reply audio relative to real time: 1.0 real time (default), 0 as fast as possible
 * @param scenario scripted behaviour, or null for the deterministic default model
 */
public record EmulatorSettings(double pace, Scenario scenario) {

    public static EmulatorSettings defaults() {
        return new EmulatorSettings(1.0, null);
    }
}
