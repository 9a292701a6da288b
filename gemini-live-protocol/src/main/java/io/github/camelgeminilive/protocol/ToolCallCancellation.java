package io.github.camelgeminilive.protocol;

import java.util.List;

/** Function calls the client should drop (the user interrupted). */
public record ToolCallCancellation(List<String> ids) {
    public ToolCallCancellation {
        ids = Immutable.list(ids);
    }

}
