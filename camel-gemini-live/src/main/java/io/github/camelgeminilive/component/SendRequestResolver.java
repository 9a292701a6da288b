package io.github.camelgeminilive.component;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.function.Function;

import io.github.camelgeminilive.protocol.Content;
import io.github.camelgeminilive.protocol.FunctionResponse;
import io.github.camelgeminilive.session.LiveSession;
import org.apache.camel.Exchange;
import org.apache.camel.Message;

/**
 * Turns a producer exchange into a {@link SendRequest}: the operation comes from the {@code CamelGeminiLiveOperation}
 * header or, without it, from the body type. Every wrong input fails here with a message saying what is accepted.
 */
final class SendRequestResolver {

    static final String ACCEPTED_BODIES = "String (text turn), byte[]/ByteBuffer/InputStream (audio or video with "
                                          + GeminiLiveConstants.MIME_TYPE + "), List<Content> or Content (client content),"
                                          + " List<FunctionResponse> or FunctionResponse (tool response)";

    /** Audio read from an InputStream is sent in frames of this size (1 s of 16 kHz PCM). */
    private static final int STREAM_FRAME_BYTES = 32_000;

    private SendRequestResolver() {
    }

    static SendRequest resolve(Exchange exchange) {
        Message in = exchange.getMessage();
        String opHeader = in.getHeader(GeminiLiveConstants.OPERATION, String.class);
        GeminiLiveOperation op = opHeader != null ? GeminiLiveOperation.parse(opHeader) : fromBody(in.getBody());
        if (op == GeminiLiveOperation.close) {
            return new SendRequest(op, SharedLiveSession::end);
        }
        Function<LiveSession, CompletableFuture<Void>> send = sendFor(op, in);
        return new SendRequest(op, shared -> shared.session().thenCompose(send));
    }

    private static GeminiLiveOperation fromBody(Object body) {
        if (body == null) {
            throw new IllegalArgumentException("The message body is null; send " + ACCEPTED_BODIES
                                               + ", or set " + GeminiLiveConstants.OPERATION);
        }
        if (body instanceof String) {
            return GeminiLiveOperation.sendText;
        }
        if (body instanceof byte[] || body instanceof ByteBuffer || body instanceof InputStream) {
            return GeminiLiveOperation.sendAudio; // sendMedia below picks video from the MIME type
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

    private static Function<LiveSession, CompletableFuture<Void>> sendFor(
            GeminiLiveOperation op, Message in) {
        switch (op) {
            case sendText: {
                String text = requiredBody(in, String.class, op);
                return s -> s.sendText(text);
            }
            case sendRealtimeText: {
                String text = requiredBody(in, String.class, op);
                return s -> s.sendRealtimeText(text);
            }
            case sendAudio:
            case sendVideo:
                return sendMedia(op, in);
            case sendClientContent: {
                List<Content> turns = listBody(in, Content.class, op);
                return s -> s.sendClientContent(turns, true);
            }
            case sendToolResponse: {
                List<FunctionResponse> responses = toolResponses(in);
                return s -> s.sendToolResponse(responses);
            }
            case activityStart:
                return LiveSession::sendActivityStart;
            case activityEnd:
                return LiveSession::sendActivityEnd;
            case audioStreamEnd:
                return LiveSession::sendAudioStreamEnd;
            case endOfTurn:
                return s -> s.sendClientContent(Collections.emptyList(), true);
            default:
                throw new IllegalStateException("Unhandled operation " + op);
        }
    }

    private static Function<LiveSession, CompletableFuture<Void>> sendMedia(
            GeminiLiveOperation op, Message in) {
        Object body = in.getBody();
        String mime = in.getHeader(GeminiLiveConstants.MIME_TYPE, String.class);
        if (mime == null) {
            mime = op == GeminiLiveOperation.sendVideo ? MediaType.DEFAULT_VIDEO : MediaType.DEFAULT_AUDIO;
        }
        MediaType kind = MediaType.of(mime);
        if (op == GeminiLiveOperation.sendVideo && kind != MediaType.VIDEO) {
            throw new IllegalArgumentException("Operation sendVideo needs " + GeminiLiveConstants.MIME_TYPE
                                               + " image/jpeg or image/png, not '" + mime + "'");
        }
        String mimeType = mime;
        if (kind == MediaType.VIDEO) {
            byte[] frame = bytes(body, op);
            return s -> s.sendVideo(frame, mimeType);
        }
        if (body instanceof InputStream stream) {
            List<byte[]> frames = frames(stream);
            return s -> {
                CompletableFuture<Void> last = CompletableFuture.completedFuture(null);
                for (byte[] f : frames) {
                    last = s.sendAudio(f, mimeType); // the session writes frames in call order
                }
                return last;
            };
        }
        byte[] pcm = bytes(body, op);
        return s -> s.sendAudio(pcm, mimeType);
    }

    private static byte[] bytes(Object body, GeminiLiveOperation op) {
        if (body instanceof byte[] b) {
            return b;
        }
        if (body instanceof ByteBuffer buf) {
            byte[] b = new byte[buf.remaining()];
            buf.duplicate().get(b);
            return b;
        }
        if (body instanceof InputStream stream) {
            try {
                return stream.readAllBytes();
            } catch (IOException e) {
                throw new IllegalArgumentException("Cannot read the InputStream body: " + e.getMessage(), e);
            }
        }
        throw wrongBody(op, body, "byte[], ByteBuffer or InputStream");
    }

    private static List<byte[]> frames(InputStream stream) {
        List<byte[]> frames = new ArrayList<>();
        try {
            byte[] frame;
            while ((frame = stream.readNBytes(STREAM_FRAME_BYTES)).length > 0) {
                frames.add(frame);
            }
        } catch (IOException e) {
            throw new IllegalArgumentException("Cannot read the InputStream body: " + e.getMessage(), e);
        }
        if (frames.isEmpty()) {
            throw new IllegalArgumentException("The InputStream body is empty: no audio to send");
        }
        return frames;
    }

    private static List<FunctionResponse> toolResponses(Message in) {
        Object body = in.getBody();
        if (body instanceof Map<?, ?> map) {
            String id = in.getHeader(GeminiLiveConstants.TOOL_CALL_ID, String.class);
            String name = in.getHeader(GeminiLiveConstants.FUNCTION_NAME, String.class);
            if (id == null || name == null) {
                throw new IllegalArgumentException("A Map tool response needs the headers " + GeminiLiveConstants.TOOL_CALL_ID
                                                   + " and " + GeminiLiveConstants.FUNCTION_NAME + " of the call it answers");
            }
            @SuppressWarnings("unchecked")
            Map<String, Object> response = (Map<String, Object>) map;
            return Collections.singletonList(new FunctionResponse(id, name, response));
        }
        return listBody(in, FunctionResponse.class, GeminiLiveOperation.sendToolResponse);
    }

    private static <T> T requiredBody(Message in, Class<T> type, GeminiLiveOperation op) {
        Object body = in.getBody();
        if (!type.isInstance(body)) {
            throw wrongBody(op, body, type.getSimpleName());
        }
        return type.cast(body);
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
