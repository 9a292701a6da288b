package io.github.camelgeminilive.protocol;

import java.util.List;

/** A turn of the conversation: a role ({@code user} or {@code model}) and its parts. */
public record Content(String role, List<Part> parts) {
    public Content {
        parts = Immutable.list(parts);
    }

    public static Content userText(String text) {
        return new Content("user", List.of(Part.ofText(text)));
    }

    public static Content modelText(String text) {
        return new Content("model", List.of(Part.ofText(text)));
    }

    /** Content without a role, as used for {@code systemInstruction}. */
    public static Content text(String text) {
        return new Content(null, List.of(Part.ofText(text)));
    }
}
