package io.github.camelgeminilive.component;

import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.function.Function;
import java.util.function.LongSupplier;

import org.apache.camel.Exchange;
import org.apache.camel.InvalidPayloadRuntimeException;
import org.apache.camel.Message;

import com.fasterxml.jackson.core.JsonProcessingException;

import io.github.camelgeminilive.audio.PcmStream;
import io.github.camelgeminilive.protocol.ClientMessage;
import io.github.camelgeminilive.protocol.Content;
import io.github.camelgeminilive.protocol.ContextUpdate;
import io.github.camelgeminilive.protocol.FunctionResponse;
import io.github.camelgeminilive.protocol.LiveJson;
import io.github.camelgeminilive.protocol.MimeTypes;
import io.github.camelgeminilive.protocol.Tool;
import io.github.camelgeminilive.session.LiveSession;
import io.github.camelgeminilive.session.ResilientSession;

/**
 * Turns a producer exchange into a {@link SendRequest}: the operation comes from the {@code CamelGeminiLiveOperation}
 * header or, without it, from the body type. Every wrong input fails here with a message saying what is accepted.
 */
final class SendRequestResolver {

    static final String ACCEPTED_BODIES = "String (text turn), byte[]/ByteBuffer/InputStream/File/Path (audio, raw"
            + " PCM or WAV, or video with " + GeminiLiveConstants.MIME_TYPE + "), List<Content> or Content (client"
            + " content), List<FunctionResponse> or FunctionResponse (tool response), ContextUpdate (context update)";

    /** Audio read from a stream or file is sent in frames of this size (1 s of 16 kHz PCM). */
    private static final int STREAM_FRAME_BYTES = 32_000;

    private SendRequestResolver() {
    }

    static SendRequest resolve(Exchange exchange) {
        Message in = exchange.getMessage();
        String opHeader = in.getHeader(GeminiLiveConstants.OPERATION, String.class);
        GeminiLiveOperation op = opHeader != null ? GeminiLiveOperation.parse(opHeader) : fromBody(in.getBody());
        if (op == GeminiLiveOperation.close || op == GeminiLiveOperation.release) {
            return new SendRequest(op, null);
        }
        Long position = in.getHeader(GeminiLiveConstants.INPUT_POSITION, Long.class);
        if (position != null && position < 0) {
            throw new IllegalArgumentException(GeminiLiveConstants.INPUT_POSITION + " must not be negative: "
                    + position);
        }
        Outgoing.Source messages = messagesFor(op, in);
        return new SendRequest(op, position == null ? messages : positioned(messages, position));
    }

    /** Tags each message with {@code position} as it is written, in the session's send order. */
    private static Outgoing.Source positioned(Outgoing.Source messages, long position) {
        return () -> {
            Outgoing m = messages.next();
            return m == null ? null : new Outgoing(s -> {
                if (s instanceof ResilientSession r) {
                    r.inputPosition(position);
                }
                return m.send().apply(s);
            }, m.bytes(), m.kind());
        };
    }

    private static GeminiLiveOperation fromBody(Object body) {
        if (body == null) {
            throw new IllegalArgumentException("The message body is null; send " + ACCEPTED_BODIES
                    + ", or set " + GeminiLiveConstants.OPERATION);
        }
        if (body instanceof String) {
            return GeminiLiveOperation.sendText;
        }
        if (body instanceof byte[] || body instanceof ByteBuffer || body instanceof InputStream || body instanceof File
                || body instanceof Path) {
            return GeminiLiveOperation.sendAudio; // sendMedia below picks video from the MIME type
        }
        if (body instanceof ContextUpdate) {
            return GeminiLiveOperation.contextUpdate;
        }
        if (body instanceof Content || isListOf(body, Content.class)) {
            return GeminiLiveOperation.sendClientContent;
        }
        if (body instanceof FunctionResponse || isListOf(body, FunctionResponse.class)) {
            return GeminiLiveOperation.sendToolResponse;
        }
        throw new IllegalArgumentException("Unsupported message body type " + body.getClass().getName()
                + "; accepted: " + ACCEPTED_BODIES);
    }

    private static Outgoing.Source messagesFor(GeminiLiveOperation op, Message in) {
        switch (op) {
            case sendText: {
                String text = body(in, String.class);
                return one(Outgoing.Kind.TURN_END, s -> s.sendText(text), text::length);
            }
            case sendRealtimeText: {
                String text = body(in, String.class);
                return one(s -> s.sendRealtimeText(text), text::length);
            }
            case sendAudio:
            case sendVideo:
                return sendMedia(op, in);
            case sendClientContent:
            case seedHistory: {
                List<Content> turns = listBody(in, Content.class, op);
                boolean complete = in.getHeader(GeminiLiveConstants.TURN_COMPLETE, Boolean.TRUE, Boolean.class);
                return one(complete && op == GeminiLiveOperation.sendClientContent ? Outgoing.Kind.TURN_END
                        : Outgoing.Kind.OTHER, s -> s.sendClientContent(turns, complete), () -> jsonBytes(turns));
            }
            case contextUpdate: {
                ClientMessage update = ClientMessage.of(contextUpdate(in));
                return one(s -> s.send(update), () -> jsonBytes(update));
            }
            case sendToolResponse: {
                List<FunctionResponse> responses = toolResponses(in);
                return one(s -> s.sendToolResponse(responses), () -> jsonBytes(responses));
            }
            case activityStart:
                return one(LiveSession::sendActivityStart, () -> 0);
            case activityEnd:
                return one(Outgoing.Kind.TURN_END, LiveSession::sendActivityEnd, () -> 0);
            case audioStreamEnd:
                return one(Outgoing.Kind.STREAM_END, LiveSession::sendAudioStreamEnd, () -> 0);
            case endOfTurn:
                return one(Outgoing.Kind.TURN_END, s -> s.sendClientContent(Collections.emptyList(), true), () -> 0);
            default:
                throw new IllegalStateException("Unhandled operation " + op);
        }
    }

    private static Outgoing.Source sendMedia(GeminiLiveOperation op, Message in) {
        Object body = in.getBody();
        String header = in.getHeader(GeminiLiveConstants.MIME_TYPE, String.class);
        String mimeType = header != null ? header
                : op == GeminiLiveOperation.sendVideo ? MimeTypes.JPEG : MimeTypes.PCM_INPUT;
        boolean video = isVideoFrame(mimeType);
        if (op == GeminiLiveOperation.sendVideo && !video) {
            throw new IllegalArgumentException("Operation sendVideo needs " + GeminiLiveConstants.MIME_TYPE
                    + " " + MimeTypes.JPEG + " or " + MimeTypes.PNG + ", not '" + mimeType
                    + "'");
        }
        if (video) {
            byte[] frame = bytes(in); // one message: a stream or file is read whole
            return one(s -> s.sendVideo(frame, mimeType), () -> frame.length);
        }
        if (body instanceof byte[] || body instanceof ByteBuffer) { // raw PCM in memory
            byte[] pcm = bytes(in);
            return one(Outgoing.Kind.AUDIO, s -> s.sendAudio(pcm, mimeType), () -> pcm.length);
        }
        PcmStream pcm = body(in, PcmStream.class); // a WAV file or stream, or a stream of raw PCM
        String pcmType = MimeTypes.pcm(pcm.sampleRate());
        if (header != null && MimeTypes.pcmRate(header, MimeTypes.PCM_INPUT_RATE) != pcm.sampleRate()) {
            throw new IllegalArgumentException("The audio body is " + pcmType + " but " + GeminiLiveConstants.MIME_TYPE
                    + " says '" + header + "'; remove the header or make it match");
        }
        return audioFrames(pcm.pcm(), pcmType);
    }

    /** The body's bytes: a ByteBuffer's remaining ones (its position left alone), anything else converted. */
    private static byte[] bytes(Message in) {
        if (in.getBody() instanceof ByteBuffer buffer) {
            byte[] b = new byte[buffer.remaining()];
            buffer.duplicate().get(b);
            return b;
        }
        return body(in, byte[].class);
    }

    /**
     * The body as {@code type}, through Camel's type converters; without a conversion it fails with Camel's usual
     * message (InvalidPayloadRuntimeException), a failed conversion with the converter's.
     */
    private static <T> T body(Message in, Class<T> type) {
        T value = in.getBody(type);
        if (value == null) {
            throw new InvalidPayloadRuntimeException(in.getExchange(), type);
        }
        return value;
    }

    /**
     * The {@code contextUpdate} of the body: a ContextUpdate as it is; a String or Content replaces the system
     * instruction; a Tool or List of Tool replaces the tools (an empty list removes them all).
     */
    private static ContextUpdate contextUpdate(Message in) {
        Object body = in.getBody();
        if (body instanceof ContextUpdate update) {
            return update;
        }
        if (body instanceof Content content) {
            return new ContextUpdate(content, null);
        }
        if (body instanceof String text) {
            return new ContextUpdate(Content.text(text), null);
        }
        if (body instanceof Tool tool) {
            return new ContextUpdate(null, new ContextUpdate.ToolsUpdate(List.of(tool)));
        }
        if (body instanceof List<?> list && list.stream().allMatch(Tool.class::isInstance)) {
            return new ContextUpdate(null, new ContextUpdate.ToolsUpdate(list.stream().map(Tool.class::cast).toList()));
        }
        throw wrongBody(GeminiLiveOperation.contextUpdate, body,
                "ContextUpdate, String or Content (system instruction), Tool or List<Tool> (tools)");
    }

    /**
     * True for a video frame's MIME type, false for PCM audio (parsed by {@link MimeTypes}, as the client parses it);
     * any other type fails naming the header and the supported types.
     */
    private static boolean isVideoFrame(String mimeType) {
        if (MimeTypes.isImage(mimeType)) {
            return true;
        }
        try {
            MimeTypes.requirePcm(mimeType);
            return false;
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("Unsupported " + GeminiLiveConstants.MIME_TYPE + " '" + mimeType
                    + "': use " + MimeTypes.SUPPORTED_INPUT, e);
        }
    }

    private static Outgoing.Source one(Function<LiveSession, CompletableFuture<Void>> send, LongSupplier bytes) {
        return one(Outgoing.Kind.OTHER, send, bytes);
    }

    private static Outgoing.Source one(Outgoing.Kind kind, Function<LiveSession, CompletableFuture<Void>> send,
            LongSupplier bytes) {
        return Outgoing.Source.of(new Outgoing(send, bytes, kind));
    }

    /**
     * The audio of an InputStream body as frames of {@value #STREAM_FRAME_BYTES} bytes, read one at a time when
     * the session asks for the next (so a long stream is never held whole); an empty stream or a failed read is
     * an error that says how far the stream got.
     */
    private static Outgoing.Source audioFrames(InputStream stream, String mimeType) {
        return new Outgoing.Source() {
            private long read;

            @Override
            public Outgoing next() throws IOException {
                byte[] frame;
                try {
                    frame = stream.readNBytes(STREAM_FRAME_BYTES);
                } catch (IOException e) {
                    throw new IOException("Cannot read the InputStream body after " + read + " bytes: "
                            + e.getMessage(), e);
                }
                if (frame.length == 0) {
                    if (read == 0) {
                        throw new IllegalArgumentException("The InputStream body is empty: no audio to send");
                    }
                    return null;
                }
                read += frame.length;
                return new Outgoing(s -> s.sendAudio(frame, mimeType), () -> frame.length, Outgoing.Kind.AUDIO);
            }
        };
    }

    /** The size of a structured message's JSON, for the bound on messages waiting for the connect. */
    static long jsonBytes(Object value) {
        try {
            return LiveJson.get().mapper().writeValueAsBytes(value).length;
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("Cannot encode the message body: " + e.getMessage(), e);
        }
    }

    private static List<FunctionResponse> toolResponses(Message in) {
        Object body = in.getBody();
        if (body instanceof Map<?, ?> map) {
            String id = in.getHeader(GeminiLiveConstants.TOOL_CALL_ID, String.class);
            String name = in.getHeader(GeminiLiveConstants.FUNCTION_NAME, String.class);
            if (id == null || name == null) {
                throw new IllegalArgumentException(
                        "A Map tool response needs the headers " + GeminiLiveConstants.TOOL_CALL_ID
                                + " and " + GeminiLiveConstants.FUNCTION_NAME + " of the call it answers");
            }
            @SuppressWarnings("unchecked")
            Map<String, Object> response = (Map<String, Object>) map;
            return Collections.singletonList(new FunctionResponse(id, name, response));
        }
        return listBody(in, FunctionResponse.class, GeminiLiveOperation.sendToolResponse);
    }

    private static <T> List<T> listBody(Message in, Class<T> type, GeminiLiveOperation op) {
        Object body = in.getBody();
        if (type.isInstance(body)) {
            return Collections.singletonList(type.cast(body));
        }
        if (isListOf(body, type)) {
            List<T> list = new ArrayList<>();
            for (Object o : (List<?>) body) {
                list.add(type.cast(o));
            }
            return Collections.unmodifiableList(list);
        }
        throw wrongBody(op, body, "List<" + type.getSimpleName() + "> or " + type.getSimpleName());
    }

    private static boolean isListOf(Object body, Class<?> type) {
        return body instanceof List<?> list && !list.isEmpty() && list.stream().allMatch(type::isInstance);
    }

    private static IllegalArgumentException wrongBody(GeminiLiveOperation op, Object body, String expected) {
        return new IllegalArgumentException("Operation " + op + " needs a body of type " + expected + ", not "
                + (body == null ? "null" : body.getClass().getName()));
    }
}
