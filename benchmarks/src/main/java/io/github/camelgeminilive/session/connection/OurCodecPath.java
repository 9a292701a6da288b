package io.github.camelgeminilive.session.connection;

import io.github.camelgeminilive.protocol.LiveJson;
import io.github.camelgeminilive.protocol.ServerMessage;
import io.github.camelgeminilive.session.LiveEvent;
import io.github.camelgeminilive.session.LiveSession;

/**
 * The client's own per-frame code, reached from the benchmarks (same package, so the package-private
 * {@link EncodedFrame} and {@link ServerEvents} are measured as they are, not copied).
 */
public final class OurCodecPath {

    private OurCodecPath() {
    }

    /**
     * What {@code LiveSession.sendAudio} does before the transport: validate and encode to the frame's UTF-8 bytes
     * (the transport copies them into a pooled buffer of the connection).
     */
    public static byte[] sendAudio(byte[] pcm, String mimeType) {
        return EncodedFrame.audio(pcm, 0, pcm.length, mimeType).utf8();
    }

    /** The send path's input checks alone: {@code Inputs.audio}, which also gives the rate for the frame's duration. */
    public static int sendChecksOnly(byte[] pcm, String mimeType) {
        return Inputs.audio(pcm, 0, pcm.length, mimeType);
    }

    /** The send path's encoding alone: {@code LiveJson.writeRealtimeBlob}. */
    public static byte[] sendEncodeOnly(byte[] pcm, String mimeType) {
        return LiveJson.get().writeRealtimeBlob("audio", mimeType, pcm, 0, pcm.length);
    }

    /** The receive path's parse alone, without the fan-out into events. */
    public static ServerMessage receiveParseOnly(byte[] frame) {
        return LiveJson.get().readServer(frame);
    }

    /** What a session does with a received binary frame: parse once, fan out, hand the audio event on. */
    public static byte[] receiveAudio(byte[] frame) {
        ServerMessage message = LiveJson.get().readServer(frame);
        for (LiveEvent event : ServerEvents.of(message)) {
            if (event instanceof LiveEvent.Audio audio) {
                return audio.data();
            }
        }
        throw new IllegalStateException("no audio in the frame");
    }
}
