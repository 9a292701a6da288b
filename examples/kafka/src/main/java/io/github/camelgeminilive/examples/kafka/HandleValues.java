package io.github.camelgeminilive.examples.kafka;

/**
 * Reads the input position out of a handle as the component stores it in a StateRepository:
 * {@code <issuedAt>@<position> <handle>} (see "Handles say which input they cover" in the component's docs).
 */
final class HandleValues {

    private HandleValues() {
    }

    /** The highest input position the stored handle covers; -1 for none, no value or a removed one. */
    static long inputPosition(String value) {
        if (value == null) {
            return -1;
        }
        int space = value.indexOf(' ');
        int at = value.indexOf('@');
        if (at < 0 || space < 0 || at > space) {
            return -1;
        }
        try {
            return Long.parseLong(value.substring(at + 1, space));
        } catch (NumberFormatException e) {
            return -1;
        }
    }
}
