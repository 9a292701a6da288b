package io.github.camelgeminilive.session.resilience;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;

import io.github.camelgeminilive.protocol.Content;
import io.github.camelgeminilive.protocol.Part;

/**
 * The conversation of a resilient session as text (the user's text turns and input transcriptions, the model's
 * output transcriptions and text), kept to seed a fresh session when a handle can no longer be resumed. Bounded to
 * the newest turns and the newest text: the transcripts come from the service, which may stream them without ever
 * ending a turn. Not thread-safe.
 */
final class ConversationLog {

    private static final int MAX_TURNS = 200;
    /** The text kept in all, in characters: the newest 256 Ki (a turn being transcribed counts too). */
    static final int MAX_CHARS = 256 * 1024;

    private final Deque<Content> turns = new ArrayDeque<>();
    private final StringBuilder heard = new StringBuilder();
    private final StringBuilder said = new StringBuilder();
    /** Characters of text in {@link #turns}. */
    private long chars;

    void userTurns(List<Content> contents) {
        contents.forEach(this::add);
    }

    void userText(String text) {
        add(Content.userText(text));
    }

    void heard(String inputTranscript) {
        append(heard, inputTranscript);
    }

    void said(String outputTranscript) {
        if (heard.length() > 0) {
            add(Content.userText(heard.toString()));
            heard.setLength(0);
        }
        append(said, outputTranscript);
    }

    /** The model's turn ended (or was cut off): what it said so far becomes a model turn. */
    void turnEnded() {
        if (said.length() > 0) {
            add(Content.modelText(said.toString()));
            said.setLength(0);
        }
    }

    List<Content> turns() {
        return List.copyOf(turns);
    }

    /** Appends to a turn being transcribed, keeping its newest {@link #MAX_CHARS} characters. */
    private static void append(StringBuilder turn, String text) {
        turn.append(text);
        if (turn.length() > MAX_CHARS) {
            turn.delete(0, turn.length() - MAX_CHARS);
        }
    }

    private void add(Content c) {
        turns.addLast(c);
        chars += textLength(c);
        while (turns.size() > MAX_TURNS || (chars > MAX_CHARS && turns.size() > 1)) {
            chars -= textLength(turns.removeFirst());
        }
    }

    private static long textLength(Content c) {
        long length = 0;
        for (Part p : c.parts() == null ? List.<Part>of() : c.parts()) {
            length += p.text() == null ? 0 : p.text().length();
        }
        return length;
    }
}
