package io.github.camelgeminilive.component;

import java.util.List;

import io.github.camelgeminilive.protocol.UsageMetadata;
import io.github.camelgeminilive.session.LiveEvent;

/**
 * The aggregated reply of one model turn, as an InOut exchange returns it.
 *
 * @param audio       all reply audio (PCM), empty when the model sent none
 * @param mimeType    the audio's MIME type, e.g. {@code audio/pcm;rate=24000}; null without audio
 * @param transcript  the output transcription chunks concatenated ("" when none)
 * @param text        the text parts concatenated, thoughts excluded ("" when none)
 * @param usage       the last usage metadata of the turn, or null
 * @param interrupted whether the user barged in and the turn was cut short
 * @param events      the events of the reply, in order, when they were collected ({@code replyFormat=events}; the
 *                    audio is then in them, not in {@code audio}); empty otherwise
 */
record TurnReply(byte[] audio, String mimeType, String transcript, String text, UsageMetadata usage,
        boolean interrupted, List<LiveEvent> events) {
}
