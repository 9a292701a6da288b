package io.github.camelgeminilive.protocol;

/** A short prefix of untrusted text for error messages, so a hostile value cannot flood a message or a log. */
final class Excerpt {

    static final int MAX_CHARS = 40;

    private Excerpt() {
    }

    /** {@code text} itself when short, else its first {@value #MAX_CHARS} characters and its length. */
    static String of(String text) {
        return text.length() <= MAX_CHARS ? text : text.substring(0, MAX_CHARS) + "...(" + text.length() + " chars)";
    }
}
