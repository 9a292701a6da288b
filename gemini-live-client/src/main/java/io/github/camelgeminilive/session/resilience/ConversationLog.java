package io.github.camelgeminilive.session.resilience;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;

import io.github.camelgeminilive.protocol.Content;

/**
 * The conversation of a resilient session as text (the user's text turns and input transcriptions, the model's
 * output transcriptions and text), kept to seed a fresh session when a handle can no longer be resumed. Bounded to
 * the newest turns. Not thread-safe.
 */
final class ConversationLog {

    private static final int MAX_TURNS = 200;

    private final Deque<Content> turns = new ArrayDeque<>();
    private final StringBuilder heard = new StringBuilder();
    private final StringBuilder said = new StringBuilder();

    void userTurns(List<Content> contents) {
        contents.forEach(this::add);
    }

    void userText(String text) {
        add(Content.userText(text));
    }

    void heard(String inputTranscript) {
        heard.append(inputTranscript);
    }

    void said(String outputTranscript) {
        if (heard.length() > 0) {
            add(Content.userText(heard.toString()));
            heard.setLength(0);
        }
        said.append(outputTranscript);
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

    private void add(Content c) {
        turns.addLast(c);
        if (turns.size() > MAX_TURNS) {
            turns.removeFirst();
        }
    }
}
