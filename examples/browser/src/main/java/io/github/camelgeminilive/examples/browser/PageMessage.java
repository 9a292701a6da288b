package io.github.camelgeminilive.examples.browser;

import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * A JSON text the page gets beside the audio: {@code {"type":"input","text":"...","interim":true}} and the like.
 *
 * @param type    {@code interrupted} (stop playing now, drop what is queued), {@code input} or {@code output} (a
 *                transcript chunk of the user's or the model's speech), {@code turnComplete}, {@code closed}
 * @param text    the transcript chunk, or null
 * @param interim for {@code input}: true when the service may still revise the chunk; else null
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record PageMessage(String type, String text, Boolean interim) {
}
