package io.github.camelgeminilive.emulator.model;

import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import io.github.camelgeminilive.protocol.Content;
import io.github.camelgeminilive.protocol.FunctionCall;
import io.github.camelgeminilive.protocol.LiveJson;
import io.github.camelgeminilive.protocol.Part;

/**
 * Writes the default model's replies. Every reply starts with {@code "You said: <text>"}; two kinds of question
 * add an answer from the earlier user turns of the session (its memory, which survives resumption):
 * <ul>
 * <li>{@code "What is my X?"} (or {@code what's}) quotes the newest earlier statement {@code "my X is Y"}:
 * {@code "Your X is Y."}, or {@code "I don't know your X yet."};</li>
 * <li>{@code "What did I say?"} quotes the previous user turn: {@code "Before that you said: <text>"}.</li>
 * </ul>
 * A user text containing the word {@code long} asks for at least ten seconds of reply audio.
 */
final class ReplyComposer {

    /** The least audio a "long" request gets. */
    static final Duration LONG_REPLY = Duration.ofMillis(10_500);

    private static final Pattern FACT = Pattern.compile("\\bmy\\s+([a-z][a-z' ]*?)\\s+is\\s+([^.!?,;]+)",
            Pattern.CASE_INSENSITIVE);
    private static final Pattern FACT_QUESTION = Pattern
            .compile("\\bwhat(?:\\s+is|'s)\\s+my\\s+([a-z][a-z' ]*?)\\s*\\?*\\s*$", Pattern.CASE_INSENSITIVE);
    private static final Pattern RECALL_QUESTION = Pattern.compile("\\bwhat\\s+did\\s+i\\s+(?:just\\s+)?say\\b",
            Pattern.CASE_INSENSITIVE);
    private static final Pattern LONG = Pattern.compile("\\blong\\b", Pattern.CASE_INSENSITIVE);

    private ReplyComposer() {
    }

    /**
     * The reply to {@code userText}.
     *
     * @param earlier the conversation before this user turn, oldest first
     */
    static String reply(String userText, List<Content> earlier) {
        String text = userText.strip();
        StringBuilder reply = new StringBuilder("You said: ").append(text);
        memoryAnswer(text, earlier).ifPresent(answer -> reply.append(' ').append(answer));
        return reply.toString();
    }

    /** The reply once a tool answered: it mentions the response so clients can check the round trip. */
    static String toolReply(FunctionCall call, Map<String, Object> response) {
        return "The " + call.name() + " result is " + json(response) + ".";
    }

    /** A tool response as compact JSON, as replies quote it. */
    static String json(Map<String, Object> response) {
        return LiveJson.get().mapper().valueToTree(response).toString();
    }

    /** Zero, or {@link #LONG_REPLY} when the user asked for something long. */
    static Duration minimumAudio(String userText) {
        return LONG.matcher(userText).find() ? LONG_REPLY : Duration.ZERO;
    }

    private static Optional<String> memoryAnswer(String text, List<Content> earlier) {
        Matcher question = FACT_QUESTION.matcher(text);
        if (question.find()) {
            String key = normalise(question.group(1));
            return Optional.of(newestFact(key, earlier).map(value -> "Your " + key + " is " + value + ".")
                    .orElse("I don't know your " + key + " yet."));
        }
        if (RECALL_QUESTION.matcher(text).find()) {
            List<String> said = userTexts(earlier);
            return Optional.of(said.isEmpty() ? "You have not said anything before."
                    : "Before that you said: " + said.get(said.size() - 1));
        }
        return Optional.empty();
    }

    private static Optional<String> newestFact(String key, List<Content> earlier) {
        List<String> said = userTexts(earlier);
        for (int i = said.size() - 1; i >= 0; i--) {
            Matcher fact = FACT.matcher(said.get(i));
            String value = null;
            while (fact.find()) {
                if (normalise(fact.group(1)).equals(key)) {
                    value = fact.group(2).strip();
                }
            }
            if (value != null) {
                return Optional.of(value);
            }
        }
        return Optional.empty();
    }

    private static List<String> userTexts(List<Content> conversation) {
        return conversation.stream()
                .filter(c -> "user".equals(c.role()) && c.parts() != null)
                .map(c -> c.parts().stream().map(Part::text).filter(t -> t != null && !t.isBlank())
                        .reduce((a, b) -> a + " " + b).orElse(""))
                .filter(t -> !t.isEmpty())
                .toList();
    }

    private static String normalise(String key) {
        return key.strip().replaceAll("\\s+", " ").toLowerCase(Locale.ROOT);
    }
}
