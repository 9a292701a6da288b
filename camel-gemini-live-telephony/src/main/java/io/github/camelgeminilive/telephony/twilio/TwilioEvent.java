package io.github.camelgeminilive.telephony.twilio;

import java.util.List;
import java.util.Map;

/**
 * A message Twilio Media Streams sends on the stream's WebSocket, as {@link TwilioCodec} read it. Every value came
 * from the network and was bounded by the codec.
 */
public sealed interface TwilioEvent {

    /** The event name on the wire ({@code connected}, {@code start}, ...). */
    String event();

    /** The stream the message belongs to; null for {@code connected}, which names none. */
    String streamSid();

    /** The WebSocket is open; the first message of a stream. */
    record Connected(String protocol, String version) implements TwilioEvent {

        @Override
        public String event() {
            return "connected";
        }

        @Override
        public String streamSid() {
            return null;
        }
    }

    /**
     * The stream starts: which call, which tracks, the audio format and the {@code <Parameter>}s of the TwiML
     * {@code <Stream>}.
     */
    record Start(String streamSid, String callSid, String accountSid, List<String> tracks, MediaFormat mediaFormat,
            Map<String, String> customParameters) implements TwilioEvent {

        public Start {
            tracks = List.copyOf(tracks);
            customParameters = Map.copyOf(customParameters);
        }

        @Override
        public String event() {
            return "start";
        }
    }

    /** The audio format of a stream; Twilio sends {@code audio/x-mulaw}, 8000 Hz, 1 channel. */
    record MediaFormat(String encoding, int sampleRate, int channels) {

        /** The one format Twilio Media Streams use. */
        public static final MediaFormat MULAW_8K = new MediaFormat("audio/x-mulaw", 8000, 1);
    }

    /**
     * Caller audio: {@code payload} is the decoded mu-law bytes (20 ms = 160 bytes), {@code timestamp} the
     * milliseconds since the stream started, {@code chunk} its sequence number.
     */
    record Media(String streamSid, String track, long chunk, long timestamp, byte[] payload) implements TwilioEvent {

        @Override
        public String event() {
            return "media";
        }
    }

    /** Playback reached a {@code mark} the bridge sent (or a {@code clear} flushed it). */
    record Mark(String streamSid, String name) implements TwilioEvent {

        @Override
        public String event() {
            return "mark";
        }
    }

    /** The caller pressed a key. */
    record Dtmf(String streamSid, String track, String digit) implements TwilioEvent {

        @Override
        public String event() {
            return "dtmf";
        }
    }

    /** The stream ended (the call hung up or the TwiML moved on). */
    record Stop(String streamSid, String accountSid, String callSid) implements TwilioEvent {

        @Override
        public String event() {
            return "stop";
        }
    }

    /** A well-formed message with an event name this bridge does not know; ignored, and counted. */
    record Unknown(String event, String streamSid) implements TwilioEvent {
    }
}
