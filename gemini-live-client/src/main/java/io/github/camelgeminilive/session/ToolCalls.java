package io.github.camelgeminilive.session;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import io.github.camelgeminilive.protocol.FunctionCall;

/**
 * The function calls of a resilient session and the connection each belongs to, so that a response goes only to
 * that connection, once. Calls of a connection that ended before they were answered are cancelled. Not
 * thread-safe.
 */
final class ToolCalls {

    /** Ids answered or cancelled, remembered to name the problem of a late or second response. */
    private static final int REMEMBERED = 1024;

    private final Map<String, Integer> pending = new HashMap<>();
    private final Set<String> done = new LinkedHashSet<>();

    void requested(List<FunctionCall> calls, int connection) {
        for (FunctionCall call : calls) {
            if (call.id() != null) {
                pending.put(call.id(), connection);
            }
        }
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
