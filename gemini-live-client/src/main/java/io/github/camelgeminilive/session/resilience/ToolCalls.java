package io.github.camelgeminilive.session.resilience;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;

import io.github.camelgeminilive.protocol.FunctionCall;
import io.github.camelgeminilive.session.LiveSessionException;

/**
 * The function calls of a resilient session and the connection each belongs to, so that a response goes only to
 * that connection, once. Calls of a connection that ended before they were answered are cancelled. At most
 * {@value #MAX_PENDING} calls are pending: beyond, the oldest is cancelled (a service flooding calls cannot grow
 * memory), counted and reported. Not thread-safe.
 */
public final class ToolCalls {

    /** Most calls awaiting their response; far beyond what a model asks at once. */
    public static final int MAX_PENDING = 1024;
    /** Ids answered or cancelled, remembered to name the problem of a late or second response. */
    private static final int REMEMBERED = 1024;

    /** In request order, so that the oldest goes first at the bound. */
    private final Map<String, Integer> pending = new LinkedHashMap<>();
    private final Set<String> done = new LinkedHashSet<>();
    private final Consumer<List<String>> overflow;
    private long cancelledByBound;

    /** @param overflow told the ids cancelled at the bound (before the calls that pushed them out are added) */
    ToolCalls(Consumer<List<String>> overflow) {
        this.overflow = overflow;
    }

    void requested(List<FunctionCall> calls, int connection) {
        List<String> cancelled = new ArrayList<>(0);
        for (FunctionCall call : calls) {
            if (call.id() == null) {
                continue;
            }
            if (pending.remove(call.id()) == null && pending.size() >= MAX_PENDING) {
                Iterator<String> oldest = pending.keySet().iterator();
                String id = oldest.next();
                oldest.remove();
                remember(id);
                cancelled.add(id);
            }
            pending.put(call.id(), connection);
        }
        if (!cancelled.isEmpty()) {
            cancelledByBound += cancelled.size();
            overflow.accept(cancelled);
        }
    }

    /** Pending calls cancelled because more than {@link #MAX_PENDING} were pending. */
    long cancelledByBound() {
        return cancelledByBound;
    }

    void cancelled(List<String> ids) {
        ids.forEach(this::finish);
    }

    boolean anyPending() {
        return !pending.isEmpty();
    }

    /** Calls of connections other than {@code connection}: now cancelled. */
    List<String> orphaned(int connection) {
        List<String> ids = new ArrayList<>();
        for (Iterator<Map.Entry<String, Integer>> it = pending.entrySet().iterator(); it.hasNext();) {
            Map.Entry<String, Integer> e = it.next();
            if (e.getValue() != connection) {
                ids.add(e.getKey());
                it.remove();
            }
        }
        ids.forEach(this::remember);
        return ids;
    }

    /**
     * Marks the calls answered on {@code connection}.
     *
     * @throws LiveSessionException naming the first id that cannot be answered there
     */
    void answer(List<String> ids, int connection) {
        for (String id : ids) {
            Integer owner = id == null ? null : pending.get(id);
            if (owner == null || owner != connection) {
                throw new LiveSessionException(done.contains(id)
                        ? "Function call '" + id + "' was already answered or cancelled (its connection ended "
                                + "before the response was sent): not sending it"
                        : "No pending function call with id '" + id + "' on the current connection", 0, null, null);
            }
        }
        ids.forEach(this::finish);
    }

    void clear() {
        pending.clear();
    }

    private void finish(String id) {
        pending.remove(id);
        remember(id);
    }

    private void remember(String id) {
        done.add(id);
        if (done.size() > REMEMBERED) {
            Iterator<String> oldest = done.iterator();
            oldest.next();
            oldest.remove();
        }
    }
}
