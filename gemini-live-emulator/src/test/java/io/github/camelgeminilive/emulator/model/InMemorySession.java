package io.github.camelgeminilive.emulator.model;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

import io.github.camelgeminilive.protocol.Content;

/** A {@link SessionState} in memory: handles are {@code h<n>@<index>}, and every issued index is kept. */
final class InMemorySession implements SessionState {

    private final List<Content> history = Collections.synchronizedList(new ArrayList<>());
    private final List<Long> issuedIndexes = Collections.synchronizedList(new ArrayList<>());
    private final SessionClock clock = new SessionClock();

    @Override
    public String sessionId() {
        return "session-1";
    }

    @Override
    public List<Content> history() {
        return history;
    }

    @Override
    public String issueHandle(long lastConsumedIndex) {
        issuedIndexes.add(lastConsumedIndex);
        return "h" + issuedIndexes.size() + "@" + lastConsumedIndex;
    }

    @Override
    public SessionClock clock() {
        return clock;
    }

    List<Long> issuedIndexes() {
        return List.copyOf(issuedIndexes);
    }
}
