package io.github.camelgeminilive.websocket;

import java.time.Duration;

/**
 * Range checks of endpoint options, for this component and the telephony components built on it: a value out of
 * bounds fails the endpoint's start with a message naming the option, its bounds and the value.
 */
public final class OptionBounds {

    private OptionBounds() {
    }

    /** Checks {@code min <= value <= max}. */
    public static void check(String option, long value, long min, long max) {
        if (value < min || value > max) {
            throw new IllegalArgumentException(option + " must be " + min + " to " + max + ", got " + value);
        }
    }

    /** Checks {@code min <= value <= max}; a null value fails, a null {@code max} is no upper bound. */
    public static void check(String option, Duration value, Duration min, Duration max) {
        if (value == null || value.compareTo(min) < 0 || max != null && value.compareTo(max) > 0) {
            throw new IllegalArgumentException(option + " must be " + (max == null ? "at least " + text(min)
                    : text(min) + " to " + text(max)) + ", got " + (value == null ? "none" : text(value)));
        }
    }

    /** 0, 20 ms, 5 s, 10 min: as an option is written. */
    private static String text(Duration d) {
        long millis = d.toMillis();
        if (millis == 0) {
            return "0";
        }
        if (millis % 60_000 == 0) {
            return millis / 60_000 + " min";
        }
        return millis % 1000 == 0 ? millis / 1000 + " s" : millis + " ms";
    }
}
