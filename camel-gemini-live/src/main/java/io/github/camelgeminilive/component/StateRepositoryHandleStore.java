package io.github.camelgeminilive.component;

import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Objects;
import java.util.Optional;

import org.apache.camel.spi.StateRepository;

import io.github.camelgeminilive.session.ResumptionHandleStore;

/**
 * Keeps resumption handles in a Camel {@link StateRepository} (e.g. {@code FileStateRepository}), one value per
 * session key: {@code <issuedAt ISO-8601>[@<inputPosition>] <handle>}, the position when the handle covers one. A
 * removed handle is stored as an empty value, because {@code StateRepository} has no removal. {@link #decode} is
 * public for applications that read such a repository themselves (e.g. how far a stored handle covers the input).
 */
public final class StateRepositoryHandleStore implements ResumptionHandleStore {

    private final StateRepository<String, String> repository;

    StateRepositoryHandleStore(StateRepository<String, String> repository) {
        this.repository = Objects.requireNonNull(repository, "repository");
    }

    @Override
    public Optional<StoredHandle> load(String key) {
        return decode(repository.getState(key));
    }

    @Override
    public void save(String key, StoredHandle handle) {
        repository.setState(key, encode(handle));
    }

    @Override
    public void remove(String key) {
        if (repository.getState(key) != null) {
            repository.setState(key, "");
        }
    }

    static String encode(StoredHandle handle) {
        return handle.issuedAt() + (handle.inputPosition() >= 0 ? "@" + handle.inputPosition() : "") + " "
                + handle.handle();
    }

    /**
     * The handle a repository value holds; empty for a missing, removed or unreadable value (an unusable entry must
     * not stop a fresh session). Whether it is still valid is the caller's to judge, by its {@code issuedAt}.
     */
    public static Optional<StoredHandle> decode(String value) {
        if (value == null) {
            return Optional.empty();
        }
        int space = value.indexOf(' ');
        if (space <= 0 || space == value.length() - 1) {
            return Optional.empty();
        }
        String stamp = value.substring(0, space);
        int at = stamp.indexOf('@');
        try {
            return Optional.of(new StoredHandle(value.substring(space + 1),
                    Instant.parse(at < 0 ? stamp : stamp.substring(0, at)),
                    at < 0 ? -1 : Long.parseLong(stamp.substring(at + 1))));
        } catch (DateTimeParseException | NumberFormatException e) {
            return Optional.empty();
        }
    }
}
