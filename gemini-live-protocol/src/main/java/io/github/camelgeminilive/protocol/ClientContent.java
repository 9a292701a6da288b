package io.github.camelgeminilive.protocol;

import java.util.List;

/** Turns appended to the conversation; {@code turnComplete: true} makes the model answer. */
public record ClientContent(List<Content> turns, Boolean turnComplete) {
    public ClientContent {
        turns = Immutable.list(turns);
    }

}
