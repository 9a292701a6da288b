package io.github.camelgeminilive.protocol;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.regex.Pattern;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.io.JsonStringEncoder;
import com.fasterxml.jackson.databind.AnnotationIntrospector;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonDeserializer;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.JsonSerializer;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectReader;
import com.fasterxml.jackson.databind.ObjectWriter;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.SerializerProvider;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.module.SimpleModule;

/**
 * The one JSON codec of the wire protocol: writes lowerCamelCase, reads lowerCamelCase and snake_case, ignores
 * unknown fields, reads int64 as number or string, and maps protobuf Duration strings to {@link Duration}.
 * Thread-safe; share one instance.
 *
 * <p>Everything it reads may be hostile, so the parser has explicit limits and fails fast beyond them with a
 * {@link ProtocolException}: a document (and so any string in it, e.g. base64 audio) of at most
 * {@link #MAX_MESSAGE_BYTES}, numbers of at most {@value #MAX_NUMBER_CHARS} characters, field names of at most
 * {@value #MAX_NAME_CHARS} characters, nesting at most {@value #MAX_DEPTH} deep and at most {@value #MAX_TOKENS}
 * tokens (so a document of many tiny values cannot grow into a far larger object graph). No number from the wire is
 * turned into a big number by arithmetic: int64 text beyond the limit fails, durations follow
 * {@link ProtoDuration}'s bounded grammar.
 */
public final class LiveJson {

    /**
     * The largest message the codec reads or writes: 64 MiB of UTF-8 JSON. The client's receive limit and the
     * frames it encodes stay within it; far beyond any Live API message (audio comes in chunks of a few KiB).
     */
    public static final int MAX_MESSAGE_BYTES = 64 * 1024 * 1024;
    /** Wider than any int64 (20 characters) or double written in full (about 25). */
    static final int MAX_NUMBER_CHARS = 100;
    static final int MAX_NAME_CHARS = 4096;
    /** Wire messages nest about 8 deep; free-form function arguments and schemas get the rest. */
    static final int MAX_DEPTH = 128;
    static final long MAX_TOKENS = 1_000_000;

    private static final LiveJson INSTANCE = new LiveJson();
    private static final byte[] BLOB_TAIL = "\"}}}".getBytes(StandardCharsets.US_ASCII);

    /** Jackson's "[Source: REDACTED (...); line: 1, column: 19]" says nothing the line and column don't. */
    private static final Pattern SOURCE_NOISE = Pattern.compile("\\[Source: [^;]*; ");

    /** Type names read better without their packages: {@code ArrayList<Content>}. */
    private static final Pattern PACKAGE_NOISE = Pattern.compile(
            "\\b(io\\.github\\.camelgeminilive\\.protocol|java\\.util|java\\.lang|java\\.time)\\.");

    private final ObjectMapper mapper;
    private final ObjectReader serverReader;
    private final ObjectReader clientReader;
    private final ObjectWriter writer;
    private volatile BlobHead lastBlobHead;

    private LiveJson() {
        SimpleModule wireTypes = new SimpleModule("live-wire-types")
                .addSerializer(Duration.class, new JsonSerializer<>() {
                    @Override
                    public void serialize(Duration value, JsonGenerator gen, SerializerProvider serializers)
                            throws IOException {
                        gen.writeString(ProtoDuration.format(value));
                    }
                })
                .addDeserializer(Duration.class, new DurationDeserializer())
                .addDeserializer(byte[].class, new Base64Deserializer());
        StreamReadConstraints limits = StreamReadConstraints.builder()
                .maxDocumentLength(MAX_MESSAGE_BYTES)
                .maxStringLength(MAX_MESSAGE_BYTES)
                .maxNumberLength(MAX_NUMBER_CHARS)
                .maxNameLength(MAX_NAME_CHARS)
                .maxNestingDepth(MAX_DEPTH)
                .maxTokenCount(MAX_TOKENS)
                .build();
        this.mapper = JsonMapper.builder(JsonFactory.builder().streamReadConstraints(limits).build())
                .annotationIntrospector(
                        AnnotationIntrospector.pair(new SnakeCaseAliases(), new RecordAccessorsOnly()))
                .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
                .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
                .disable(SerializationFeature.FAIL_ON_EMPTY_BEANS)
                // null fields are omitted, but a null inside a free-form map (function args) is data
                .defaultPropertyInclusion(JsonInclude.Value.construct(JsonInclude.Include.NON_NULL,
                        JsonInclude.Include.ALWAYS))
                .addModule(wireTypes)
                .build();
        this.serverReader = mapper.readerFor(ServerMessage.class);
        this.clientReader = mapper.readerFor(ClientMessage.class);
        this.writer = mapper.writer();
    }

    /** The shared codec. */
    public static LiveJson get() {
        return INSTANCE;
    }

    /** The configured mapper, for free-form JSON (scenario files, admin API); do not reconfigure it. */
    public ObjectMapper mapper() {
        return mapper;
    }

    public String write(ClientMessage message) {
        return writeString(message);
    }

    public String write(ServerMessage message) {
        return writeString(message);
    }

    public byte[] writeBytes(ServerMessage message) {
        return writeUtf8(message);
    }

    /** The message as the UTF-8 bytes of a text frame. */
    public byte[] writeBytes(ClientMessage message) {
        return writeUtf8(message);
    }

    /** @throws IllegalArgumentException when the JSON would exceed {@link #MAX_MESSAGE_BYTES} */
    private byte[] writeUtf8(Object message) {
        LimitedBytes out = new LimitedBytes(MAX_MESSAGE_BYTES);
        try {
            writer.writeValue(out, message);
        } catch (IOException e) {
            if (out.exceeded()) {
                throw new IllegalArgumentException("Message too large: its JSON is over the limit of "
                        + MAX_MESSAGE_BYTES + " bytes");
            }
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }

    /**
     * Writes {@code {"realtimeInput":{"audio":{"mimeType":..,"data":..}}}} (or {@code video}) as UTF-8 straight from
     * the bytes into one array of the exact size: no records, strings or intermediate buffers (the 20 ms audio
     * path). The JSON is the same as {@link #write(ClientMessage)} writes for that message.
     *
     * @param field {@code audio} or {@code video}
     * @throws IllegalArgumentException for another field, or when the frame would exceed {@link #MAX_MESSAGE_BYTES}
     *                                  (checked before anything is allocated)
     * @throws IndexOutOfBoundsException if the slice is not inside {@code data}
     */
    public byte[] writeRealtimeBlob(String field, String mimeType, byte[] data, int offset, int length) {
        Objects.checkFromIndexSize(offset, length, data.length);
        Objects.requireNonNull(mimeType, "mimeType");
        byte[] head = blobHead(field, mimeType);
        byte[] frame = new byte[blobFrameBytes(field, head.length, length)];
        System.arraycopy(head, 0, frame, 0, head.length);
        int at = Base64Text.encode(data, offset, length, frame, head.length);
        System.arraycopy(BLOB_TAIL, 0, frame, at, BLOB_TAIL.length);
        return frame;
    }

    /**
     * Size of a realtime blob frame, computed in {@code long} (the base64 of 1.5 GiB no longer fits an int).
     *
     * @throws IllegalArgumentException naming the size and the limit when it exceeds {@link #MAX_MESSAGE_BYTES}
     */
    static int blobFrameBytes(String field, int headBytes, int dataBytes) {
        long size = headBytes + Base64Text.encodedLength((long) dataBytes) + BLOB_TAIL.length;
        if (size > MAX_MESSAGE_BYTES) {
            throw new IllegalArgumentException("Realtime " + field + " frame too large: " + dataBytes
                    + " bytes encode to " + size + " bytes of JSON, over the limit of " + MAX_MESSAGE_BYTES + " bytes");
        }
        return (int) size;
    }

    /** The frame up to the base64; the last one is kept, as a stream's frames share field and MIME type. */
    private byte[] blobHead(String field, String mimeType) {
        BlobHead last = lastBlobHead;
        if (last != null && last.field.equals(field) && last.mimeType.equals(mimeType)) {
            return last.bytes;
        }
        if (!"audio".equals(field) && !"video".equals(field)) {
            throw new IllegalArgumentException("realtimeInput blob field must be audio or video, not " + field);
        }
        String head = "{\"realtimeInput\":{\"" + field + "\":{\"mimeType\":\""
                + new String(JsonStringEncoder.getInstance().quoteAsString(mimeType))
                + "\",\"data\":\"";
        BlobHead computed = new BlobHead(field, mimeType, head.getBytes(StandardCharsets.UTF_8));
        lastBlobHead = computed;
        return computed.bytes;
    }

    private record BlobHead(String field, String mimeType, byte[] bytes) {
    }

    public ServerMessage readServer(byte[] json) {
        return read(serverReader, "server message", json, 0, json.length);
    }

    public ServerMessage readServer(ByteBuffer json) {
        if (json.hasArray()) {
            return read(serverReader, "server message", json.array(), json.arrayOffset() + json.position(),
                    json.remaining());
        }
        byte[] copy = new byte[json.remaining()];
        json.duplicate().get(copy);
        return readServer(copy);
    }

    public ServerMessage readServer(String json) {
        return read(serverReader, "server message", json);
    }

    public ClientMessage readClient(String json) {
        return read(clientReader, "client message", json);
    }

    public ClientMessage readClient(byte[] json) {
        return read(clientReader, "client message", json, 0, json.length);
    }

    /**
     * Decodes an already parsed tree (e.g. one a validator has looked at first); errors name the field's path like
     * the other readers do.
     */
    public ClientMessage readClient(JsonNode tree) {
        try {
            return requireMessage(clientReader.readValue(tree), "client message");
        } catch (IOException e) {
            throw malformed("client message", e);
        }
    }

    /**
     * Decodes the base64 of a {@code bytes} field as the readers do (standard or URL-safe alphabet, padded or not),
     * for code that checks a tree before decoding it.
     *
     * @throws IllegalArgumentException naming the problem
     */
    public byte[] readBase64(String text) {
        return Base64Text.decode(text);
    }

    /** Reads any protocol type, e.g. a fixture or one nested field. */
    public <T> T read(InputStream json, Class<T> type) {
        try {
            return requireMessage(mapper.readValue(json, type), type.getSimpleName());
        } catch (IOException e) {
            throw malformed(type.getSimpleName(), e);
        }
    }

    private static <T> T read(ObjectReader reader, String what, byte[] json, int offset, int length) {
        try {
            return requireMessage(reader.readValue(json, offset, length), what);
        } catch (IOException e) {
            throw malformed(what, e);
        }
    }

    /** From the string's characters (Jackson reads them in place): no UTF-8 copy of the message. */
    private static <T> T read(ObjectReader reader, String what, String json) {
        try {
            return requireMessage(reader.readValue(json), what);
        } catch (IOException e) {
            throw malformed(what, e);
        }
    }

    private static <T> T requireMessage(T value, String what) {
        if (value == null) {
            throw new ProtocolException("Malformed " + what + ": JSON null instead of an object");
        }
        return value;
    }

    /**
     * "Malformed server message at serverContent.modelTurn.parts[0].inlineData.data: Illegal character ..." : the
     * JSON path of the bad field and Jackson's message without its class names and source excerpt.
     */
    private static ProtocolException malformed(String what, IOException e) {
        StringBuilder text = new StringBuilder("Malformed ").append(what);
        if (e instanceof JsonMappingException m && !m.getPath().isEmpty()) {
            text.append(" at ").append(jsonPath(m.getPath()));
        } else if (e instanceof JsonProcessingException p && p.getLocation() != null) {
            text.append(" at line ").append(p.getLocation().getLineNr())
                    .append(", column ").append(p.getLocation().getColumnNr());
        }
        String detail = e instanceof JsonProcessingException p ? p.getOriginalMessage() : e.getMessage();
        detail = SOURCE_NOISE.matcher(String.valueOf(detail)).replaceAll("[");
        detail = PACKAGE_NOISE.matcher(detail).replaceAll("");
        return new ProtocolException(text.append(": ").append(detail).toString(), e);
    }

    private static String jsonPath(List<JsonMappingException.Reference> path) {
        StringBuilder sb = new StringBuilder();
        for (JsonMappingException.Reference r : path) {
            if (r.getFieldName() != null) {
                if (sb.length() > 0) {
                    sb.append('.');
                }
                sb.append(r.getFieldName());
            } else if (r.getIndex() >= 0) {
                sb.append('[').append(r.getIndex()).append(']');
            }
        }
        return sb.toString();
    }

    /** Protobuf Duration strings ("50s", "0.500s"); a bare number counts as seconds. */
    private static final class DurationDeserializer extends JsonDeserializer<Duration> {
        @Override
        public Duration deserialize(JsonParser p, DeserializationContext ctxt) throws IOException {
            if (!p.currentToken().isScalarValue()) {
                return (Duration) ctxt.handleUnexpectedToken(Duration.class, p);
            }
            String text = p.getValueAsString();
            try {
                return ProtoDuration.parse(text);
            } catch (IllegalArgumentException e) {
                return (Duration) ctxt.handleWeirdStringValue(Duration.class, Excerpt.of(text), e.getMessage());
            }
        }
    }

    /**
     * Proto3 JSON bytes: written as standard padded base64; read in the standard or the URL-safe alphabet, with or
     * without padding, as protobuf's own parsers do. Anything else (whitespace, foreign characters) is rejected.
     */
    private static final class Base64Deserializer extends JsonDeserializer<byte[]> {
        @Override
        public byte[] deserialize(JsonParser p, DeserializationContext ctxt) throws IOException {
            if (p.currentToken() != JsonToken.VALUE_STRING) {
                return (byte[]) ctxt.handleUnexpectedToken(byte[].class, p);
            }
            try { // from the parser's own buffer: no String of the base64 (the 40 ms audio path)
                return Base64Text.decode(p.getTextCharacters(), p.getTextOffset(), p.getTextLength());
            } catch (IllegalArgumentException e) {
                return (byte[]) ctxt.handleWeirdStringValue(byte[].class, Excerpt.of(p.getText()),
                        "not base64: " + e.getMessage());
            }
        }
    }

    private String writeString(Object message) {
        try {
            return writer.writeValueAsString(message);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
