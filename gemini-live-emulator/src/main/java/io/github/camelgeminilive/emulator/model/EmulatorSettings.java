package io.github.camelgeminilive.emulator.model;

import java.util.Objects;

/**
 * Emulator-wide behaviour settings.
 *
 * @param pace     time reply audio takes to send, as a multiple of its length: 1.0 real time (default), 0.5 twice as fast, 0 as fast as possible
 * @param scenario scripted behaviour, or null for the deterministic default model
 * @param limits   the service's limits the model enforces
 */
public record EmulatorSettings(double pace, Scenario scenario, ServiceLimits limits) {

    public EmulatorSettings {
        Objects.requireNonNull(limits, "limits");
    }

    /** Settings with the default limits. */
    public EmulatorSettings(double pace, Scenario scenario) {
        this(pace, scenario, ServiceLimits.DEFAULTS);
    }

    public static EmulatorSettings defaults() {
        return new EmulatorSettings(1.0, null);
    }
}
