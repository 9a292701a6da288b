package io.github.camelgeminilive.examples.kafka;

import java.time.Instant;
import java.util.Optional;

import io.github.camelgeminilive.component.StateRepositoryHandleStore;
import io.github.camelgeminilive.session.ResumptionHandleStore.StoredHandle;

/**
 * Reads handles as the component stores them in a StateRepository, with the component's own parser
 * ({@link StateRepositoryHandleStore#decode}; see "Handles say which input they cover" in the component's docs).
 */
final class HandleValues {

    /** The start of the value that marks an ended call: {@code ended@<offset of its end record>}. */
    private static final String ENDED = "ended@";

    private HandleValues() {
    }

    /** The value that marks a call as ended by its end record at {@code offset}: no handle, nothing to resume. */
    static String ended(long offset) {
        return ENDED + offset;
    }

    /** Whether {@code value} marks an ended call. */
    static boolean isEnded(String value) {
        return value != null && value.startsWith(ENDED);
    }

    /**
     * The input position up to which the call's session has everything, for the stored value: a handle's (see
     * {@link #inputPosition}), or an ended call's end record offset (its records up to there are done with).
     */
    static long done(String value, Instant now) {
        if (isEnded(value)) {
            try {
                return Long.parseLong(value.substring(ENDED.length()));
            } catch (NumberFormatException e) {
                return -1;
            }
        }
        return inputPosition(value, now);
    }

    /**
     * The highest input position the stored handle covers, when a session would resume with it at {@code now};
     * -1 for none, no value, a removed or unreadable one, or an expired handle (its session starts afresh, having
     * none of the input).
     */
    static long inputPosition(String value, Instant now) {
        return StateRepositoryHandleStore.decode(value)
                .filter(h -> h.issuedAt().plus(StoredHandle.VALIDITY).isAfter(now))
                .map(StoredHandle::inputPosition).orElse(-1L);
    }

    /** Whether {@code value} holds a handle issued before the one {@code held} holds (both readable). */
    static boolean older(String value, String held) {
        Optional<Instant> issued = StateRepositoryHandleStore.decode(value).map(StoredHandle::issuedAt);
        Optional<Instant> heldIssued = StateRepositoryHandleStore.decode(held).map(StoredHandle::issuedAt);
        return issued.isPresent() && heldIssued.isPresent() && issued.get().isBefore(heldIssued.get());
    }
}
