package io.github.camelgeminilive.session.connection;

import java.util.List;

import io.github.camelgeminilive.protocol.ClientContent;
import io.github.camelgeminilive.protocol.ClientMessage;
import io.github.camelgeminilive.protocol.Content;
import io.github.camelgeminilive.protocol.FunctionResponse;
import io.github.camelgeminilive.protocol.LiveJson;
import io.github.camelgeminilive.protocol.MimeTypes;
import io.github.camelgeminilive.protocol.ModelRules;
import io.github.camelgeminilive.protocol.RealtimeInput;
import io.github.camelgeminilive.protocol.ToolResponse;

/**
 * One validated, encoded client message, with what a resilient session needs to know to replay it: how much audio
 * it carries and which tool calls it answers. The factories validate on the caller's thread and throw
 * {@link IllegalArgumentException} naming the problem, also for a frame over the codec's
 * {@link LiveJson#MAX_MESSAGE_BYTES} (audio and video are measured before anything is allocated, other messages as
 * their JSON passes the limit). A connection's own, configurable bound ({@code maxOutgoingBytes}) then refuses at
 * send time what does not fit its outgoing queue.
 *
 * @param utf8            the frame's text, as the UTF-8 bytes that go on the wire
 * @param audioNanos      audio length it carries, in nanoseconds (zero for other messages): a long, not a
 *                        {@code Duration}, as it is summed per frame
 * @param toolResponseIds ids of the function calls it answers (empty for other messages)
 */
public record EncodedFrame(byte[] utf8, long audioNanos, List<String> toolResponseIds) {

    private static final long NANOS_PER_SECOND = 1_000_000_000L;

    public static EncodedFrame of(ClientMessage message) {
        return new EncodedFrame(LiveJson.get().writeBytes(message), 0, List.of());
    }

    /** A user text turn the way the model's rules say ({@code clientContent} or {@code realtimeInput.text}). */
    public static EncodedFrame text(ModelRules rules, String text) {
        Inputs.text(text);
        return of(rules.textTurn() == ModelRules.TextTurn.REALTIME_TEXT
                ? ClientMessage.of(RealtimeInput.ofText(text))
                : ClientMessage.of(new ClientContent(List.of(Content.userText(text)), true)));
    }

    public static EncodedFrame realtimeText(String text) {
        Inputs.text(text);
        return of(ClientMessage.of(RealtimeInput.ofText(text)));
    }

    public static EncodedFrame audio(byte[] pcm, int offset, int length, String mimeType) {
        String mime = mimeType == null ? MimeTypes.PCM_INPUT : mimeType;
        int rate = Inputs.audio(pcm, offset, length, mime);
        return new EncodedFrame(LiveJson.get().writeRealtimeBlob("audio", mime, pcm, offset, length),
                audioLength(length, rate), List.of());
    }

    public static EncodedFrame video(byte[] frame, String mimeType) {
        Inputs.video(frame, mimeType);
        return new EncodedFrame(LiveJson.get().writeRealtimeBlob("video", mimeType, frame, 0, frame.length),
                0, List.of());
    }

    public static EncodedFrame clientContent(List<Content> turns, boolean turnComplete) {
        if (turns == null || Inputs.hasNull(turns)) {
            throw new IllegalArgumentException("Client content turns must be a list without nulls");
        }
        return of(ClientMessage.of(new ClientContent(List.copyOf(turns), turnComplete)));
    }

    public static EncodedFrame toolResponse(List<FunctionResponse> responses) {
        Inputs.nonEmpty(responses, "Function responses");
        return new EncodedFrame(LiveJson.get().writeBytes(ClientMessage.of(new ToolResponse(List.copyOf(responses)))),
                0, responses.stream().map(FunctionResponse::id).toList());
    }

    public static EncodedFrame activityStart() {
        return of(ClientMessage.of(RealtimeInput.ofActivityStart()));
    }

    public static EncodedFrame activityEnd() {
        return of(ClientMessage.of(RealtimeInput.ofActivityEnd()));
    }

    public static EncodedFrame audioStreamEnd() {
        return of(ClientMessage.of(RealtimeInput.ofAudioStreamEnd()));
    }

    /** Any client message but {@code setup}. */
    public static EncodedFrame message(ClientMessage message) {
        Inputs.message(message);
        if (message.toolResponse() != null) {
            return toolResponse(message.toolResponse().functionResponses());
        }
        RealtimeInput input = message.realtimeInput();
        if (input != null && input.audio() != null && input.audio().data() != null) {
            String mime = input.audio().mimeType() == null ? MimeTypes.PCM_INPUT : input.audio().mimeType();
            return new EncodedFrame(LiveJson.get().writeBytes(message),
                    audioLength(input.audio().data().length, MimeTypes.pcmRate(mime, MimeTypes.PCM_INPUT_RATE)),
                    List.of());
        }
        return of(message);
    }

    /** Bytes the frame holds in memory. */
    public long bytes() {
        return utf8.length;
    }

    private static long audioLength(int bytes, int rate) {
        long samples = bytes / 2;
        return samples * NANOS_PER_SECOND / rate;
    }
}
