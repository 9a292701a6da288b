package io.github.camelgeminilive.protocol;

import java.util.List;

/**
 * Changes the system instruction and/or the tools mid-session. {@code tools} is a wrapper so that
 * absent (no change) differs from an empty list (remove all tools).
 */
public record ContextUpdate(Content systemInstruction, ToolsUpdate tools) {

    public record ToolsUpdate(List<Tool> tools) {

        public ToolsUpdate {

            tools = Immutable.list(tools);

        }

    }
}
