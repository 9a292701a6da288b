package io.github.camelgeminilive.telephony.twilio;

/** A message sent to Twilio on a bidirectional Media Stream, written by {@link TwilioCodec}. */
public sealed interface TwilioCommand {

    /** The stream it goes to. */
    String streamSid();

    /** Audio to play to the caller: mu-law 8 kHz bytes, base64-encoded on the wire. */
    record Media(String streamSid, byte[] payload) implements TwilioCommand {
    }

    /** Asks Twilio to echo a {@code mark} with this name once the audio sent before it has been played. */
    record Mark(String streamSid, String name) implements TwilioCommand {
    }

    /** Drops the audio Twilio has buffered but not played yet (barge-in). */
    record Clear(String streamSid) implements TwilioCommand {
    }
}
