package io.github.camelgeminilive.component;

/** What the body of an InOut exchange's reply is: the value of the {@code replyFormat} option. */
public enum GeminiLiveReplyFormat {
    /** The reply's audio as one {@code byte[]} of PCM (the text when a TEXT session sent no audio). */
    pcm,
    /** The reply's audio as a WAV file ({@code byte[]}) at the audio's rate (the text when there is no audio). */
    wav,
    /** The transcript of the reply's audio ({@code String}; the text of a TEXT session). */
    transcript,
    /** The reply's events, in order ({@code List<LiveEvent>}), from the exchange's turn to its end. */
    events
}
