package io.github.camelgeminilive.session;

import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/** The default {@link ResumptionHandleStore}: lives as long as the JVM. */
public final class InMemoryResumptionHandleStore implements ResumptionHandleStore {

    private final Map<String, StoredHandle> handles = new ConcurrentHashMap<>();

    @Override
    public Optional<StoredHandle> load(String key) {
        return Optional.ofNullable(handles.get(key));
    }

    @Override
    public void save(String key, StoredHandle handle) {
        handles.put(key, handle);
    }

    @Override
    public void remove(String key) {
        handles.remove(key);
    }
}
